using System.Collections.Immutable;
using Hdl.Retrieval.Chunking;
using Hdl.Retrieval.Text;

namespace Hdl.Retrieval.Search;

/// <summary>
/// Tells verification code (testbenches, simulation models, test folders) from the design by where it lives and what
/// it is called. A testbench repeats the instance, port and signal names of the design it drives and its comments
/// describe that design's behaviour, so for a query about the design it competes with the design itself; an engineer
/// asking for "the counter that divides the baud clock" means the design unless the query says otherwise.
/// </summary>
public static class VerificationCode
{
    /// <summary>Words of a folder name, or of a file or unit name, that mark verification code.</summary>
    private static readonly ImmutableHashSet<string> FolderWords = ImmutableHashSet.Create(
        StringComparer.OrdinalIgnoreCase, "tb", "tbs", "test", "tests", "testbench", "testbenches", "sim", "sims", "simulation", "verif", "verification", "dv", "bench", "uvm");

    private static readonly ImmutableHashSet<string> NameWords = ImmutableHashSet.Create(
        StringComparer.OrdinalIgnoreCase, "tb", "testbench");

    /// <summary>Query words that ask for verification code, which then keeps its full score.</summary>
    private static readonly ImmutableHashSet<string> QueryWords = ImmutableHashSet.Create(
        StringComparer.OrdinalIgnoreCase, "tb", "test", "tests", "testbench", "testbenches", "testing", "sim", "simulation", "simulate", "simulates", "verif", "verification", "verify", "verifies", "stimulus", "uvm", "bench");

    /// <summary>Whether the chunk id (`path#kind:name`) is in a verification folder or in a file or unit named as a testbench.</summary>
    public static bool Contains(string chunkId)
    {
        ArgumentNullException.ThrowIfNull(chunkId);
        var hash = chunkId.LastIndexOf('#');
        var path = hash < 0 ? chunkId : chunkId[..hash];
        var segments = path.Split('/', '\\');
        for (var index = 0; index < segments.Length; index++)
        {
            var isFile = index == segments.Length - 1;
            var name = isFile && segments[index].LastIndexOf('.') is var dot and > 0 ? segments[index][..dot] : segments[index];
            var words = isFile ? NameWords : FolderWords;
            if (IdentifierSplitter.Split(name).Any(words.Contains))
            {
                return true;
            }
        }

        return ChunkIds.KindOf(chunkId) is ChunkKind.Unit && IdentifierSplitter.Split(ChunkIds.NameOf(chunkId)).Any(NameWords.Contains);
    }

    /// <summary>Whether the query asks for verification code itself (a testbench, a test, a simulation model).</summary>
    public static bool AskedFor(string query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return IdentifierSplitter.Split(query).Any(QueryWords.Contains);
    }
}
