using System.Collections.Immutable;

namespace Hdl.Retrieval.Text;

/// <summary>
/// Splits HDL identifiers into the words they are made of: `baud_cnt`, `baudCnt` and `BaudCNT` all give `baud cnt`;
/// digits stand alone (`fifo8_wr` gives `fifo 8 wr`). Designers write the same idea in every one of these styles, so
/// search has to see through them.
/// </summary>
public static class IdentifierSplitter
{
    /// <summary>The lower-case sub-tokens of one identifier, in order.</summary>
    public static ImmutableArray<string> Split(string identifier)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        var parts = ImmutableArray.CreateBuilder<string>();
        var start = -1;
        for (var index = 0; index < identifier.Length; index++)
        {
            var current = identifier[index];
            if (!char.IsLetterOrDigit(current))
            {
                Flush(identifier, ref start, index, parts);
                continue;
            }

            if (start >= 0 && IsBoundary(identifier, index))
            {
                Flush(identifier, ref start, index, parts);
            }

            if (start < 0)
            {
                start = index;
            }
        }

        Flush(identifier, ref start, identifier.Length, parts);
        return parts.ToImmutable();
    }

    /// <summary>A new word starts at <paramref name="index"/>: lower→Upper, letter↔digit, or the last capital of an acronym before a lower-case letter (`AXIBus` → AXI Bus).</summary>
    private static bool IsBoundary(string text, int index)
    {
        var previous = text[index - 1];
        var current = text[index];
        if (char.IsDigit(previous) != char.IsDigit(current))
        {
            return true;
        }

        if (char.IsLower(previous) && char.IsUpper(current))
        {
            return true;
        }

        return char.IsUpper(previous) && char.IsUpper(current) && index + 1 < text.Length && char.IsLower(text[index + 1]);
    }

    private static void Flush(string text, ref int start, int end, ImmutableArray<string>.Builder parts)
    {
        if (start >= 0 && end > start)
        {
            parts.Add(text[start..end].ToLowerInvariant());
        }

        start = -1;
    }
}
