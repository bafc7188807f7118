using System.Buffers;
using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Hdl.Retrieval.Chunking;

namespace Hdl.Retrieval.Storage;

/// <summary>
/// BM25 over the chunks' analysed fields, held in memory: per term the chunks that contain it with the term's count in
/// each field (compressed rows: one array of chunk numbers and one of counts per field, not an object per posting),
/// per chunk its length and granularity. It ranks exactly as SQLite FTS5's <c>bm25()</c> did over the same fields
/// (`fts5_aux.c`: idf = ln((N − n + 0.5) / (n + 0.5)), at least 1e-6; a term's frequency is the sum of its
/// occurrences' field weights; a chunk's length counts the tokens of every column, the grain column's one token
/// included; k1 1.2, b 0.75; terms summed in query order), so the lists and their scores are the same numbers, ties
/// in row order. It replaces FTS5 because FTS5 scores every matching row through its auxiliary-function interface:
/// on OpenTitan a ten-term query matches 20k chunks and took 54 ms, where summing postings in arrays takes about a
/// millisecond.
/// Fields are split into tokens as FTS5's `unicode61` tokenizer with `_` as a token character split them: letters,
/// numbers, private-use characters, combining marks and `_` make tokens, everything else separates them (a chunk name
/// `always@98` or `genblk1.gen_x` is two tokens), lower-cased. Two differences remain, both outside what the
/// analyser produces for prose queries: diacritics are not folded, and a query term that splits into several tokens
/// (`a$b`, a phrase to FTS5) matches nothing.
/// </summary>
internal sealed class LexicalIndex
{
    private const double K1 = 1.2;
    private const double B = 0.75;

    /// <summary>The grain column FTS5 indexed (one token per chunk, weight 0) still counts in a chunk's length.</summary>
    private const int GrainTokens = 1;

    private const ushort Saturated = ushort.MaxValue;

    private readonly long[] _rowIds;
    private readonly byte[] _granularities;
    private readonly int[] _lengths;
    private readonly long _totalTokens;
    private readonly Dictionary<string, int> _terms;
    private readonly int[] _start;
    private readonly int[] _docs;
    private readonly ushort[] _names;
    private readonly ushort[] _comments;
    private readonly ushort[] _body;

    // Counts of 65535 and more (a generated chunk repeating one name) are kept exactly here, by posting.
    private readonly Dictionary<int, (int Names, int Comments, int Body)> _large;

    private LexicalIndex(
        long[] rowIds, byte[] granularities, int[] lengths, Dictionary<string, int> terms, int[] start, int[] docs,
        ushort[] names, ushort[] comments, ushort[] body, Dictionary<int, (int, int, int)> large)
    {
        _rowIds = rowIds;
        _granularities = granularities;
        _lengths = lengths;
        _terms = terms;
        _start = start;
        _docs = docs;
        _names = names;
        _comments = comments;
        _body = body;
        _large = large;
        foreach (var length in lengths)
        {
            _totalTokens += length;
        }
    }

    public int ChunkCount => _rowIds.Length;

    public int TermCount => _terms.Count;

    public int PostingCount => _docs.Length;

    /// <summary>Bytes held by the arrays and the term dictionary (strings and entries), for reports.</summary>
    public long ApproximateBytes
    {
        get
        {
            long bytes = (_rowIds.Length * 8L) + _granularities.Length + (_lengths.Length * 4L) + (_start.Length * 4L) + (_docs.Length * (4L + 2 + 2 + 2));
            foreach (var term in _terms.Keys)
            {
                // A string object (header, length, characters) and a dictionary entry (hash, next, key, value).
                bytes += 22 + (2L * term.Length) + 24;
            }

            return bytes;
        }
    }

    /// <summary>
    /// A chunk's fields as stored: the token count of each field, then each distinct term in order of first
    /// occurrence (names, comments, body) with its count in each field. Terms are the space-separated words of the
    /// fields.
    /// </summary>
    public static byte[] Encode(IndexedFields fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var terms = new Dictionary<string, int>(StringComparer.Ordinal);
        var lookup = terms.GetAlternateLookup<ReadOnlySpan<char>>();
        var order = new List<string>();
        var counts = new List<int[]>();
        var lengths = new int[3];
        string[] columns = [fields.Names, fields.Comments, fields.Body];
        for (var column = 0; column < columns.Length; column++)
        {
            foreach (var token in Tokens(columns[column]))
            {
                if (!lookup.TryGetValue(token, out var index))
                {
                    index = order.Count;
                    terms[token] = index;
                    order.Add(token);
                    counts.Add(new int[3]);
                }

                counts[index][column]++;

                // A signal's role words are matched by signal searches only; leaving them out of the field's length
                // keeps every other search's scores exactly as without them.
                if (!token.StartsWith(Chunking.SignalRoleOptions.TermPrefix, StringComparison.Ordinal))
                {
                    lengths[column]++;
                }
            }
        }

        var writer = new ArrayBufferWriter<byte>();
        foreach (var length in lengths)
        {
            WriteVarint(writer, length);
        }

        WriteVarint(writer, order.Count);
        for (var index = 0; index < order.Count; index++)
        {
            var bytes = Encoding.UTF8.GetBytes(order[index]);
            WriteVarint(writer, bytes.Length);
            writer.Write(bytes);
            foreach (var count in counts[index])
            {
                WriteVarint(writer, count);
            }
        }

        return writer.WrittenSpan.ToArray();
    }

    /// <summary>The tokens of a field or query term as `unicode61` reads them (see the class comment), lower-cased.</summary>
    public static IEnumerable<string> Tokens(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var start = -1;
        for (var index = 0; index <= text.Length; index++)
        {
            if (index < text.Length && IsTokenCharacter(text[index]))
            {
                if (start < 0)
                {
                    start = index;
                }
            }
            else if (start >= 0)
            {
                yield return text[start..index].ToLowerInvariant();
                start = -1;
            }
        }
    }

    private static bool IsTokenCharacter(char character) =>
        character == '_' || char.IsLetterOrDigit(character) || char.GetUnicodeCategory(character) is UnicodeCategory.LetterNumber
            or UnicodeCategory.OtherNumber or UnicodeCategory.PrivateUse or UnicodeCategory.NonSpacingMark or UnicodeCategory.Surrogate;

    /// <summary>The distinct terms of an encoded chunk, in order of first occurrence.</summary>
    public static ImmutableArray<string> TermsOf(ReadOnlySpan<byte> data)
    {
        var chunk = new EncodedChunk(data);
        var result = ImmutableArray.CreateBuilder<string>(chunk.TermCount);
        while (chunk.NextTerm(out var term, out _))
        {
            result.Add(Encoding.UTF8.GetString(term));
        }

        return result.MoveToImmutable();
    }

    /// <summary>Collects encoded chunks (in ascending row id order) into an index.</summary>
    public sealed class Builder
    {
        private readonly List<long> _rowIds = [];
        private readonly List<byte> _granularities = [];
        private readonly List<int> _lengths = [];
        private readonly Dictionary<string, int> _terms = new(StringComparer.Ordinal);
        private readonly List<int> _postingTerms = [];
        private readonly List<int> _postingDocs = [];
        private readonly List<(int Names, int Comments, int Body)> _postingCounts = [];
        private char[] _chars = new char[256];

        public void Add(long rowId, Granularity granularity, ReadOnlySpan<byte> data)
        {
            if (_rowIds.Count > 0 && rowId <= _rowIds[^1])
            {
                throw new ArgumentException("chunks must come in ascending row id order", nameof(rowId));
            }

            var doc = _rowIds.Count;
            var chunk = new EncodedChunk(data);
            _rowIds.Add(rowId);
            _granularities.Add((byte)granularity);
            _lengths.Add(GrainTokens + chunk.Tokens);
            var lookup = _terms.GetAlternateLookup<ReadOnlySpan<char>>();
            while (chunk.NextTerm(out var bytes, out var counts))
            {
                if (_chars.Length < bytes.Length)
                {
                    _chars = new char[bytes.Length * 2];
                }

                var chars = _chars.AsSpan(0, Encoding.UTF8.GetChars(bytes, _chars));
                if (!lookup.TryGetValue(chars, out var term))
                {
                    term = _terms.Count;
                    _terms[chars.ToString()] = term;
                }

                _postingTerms.Add(term);
                _postingDocs.Add(doc);
                _postingCounts.Add(counts);
            }
        }

        /// <summary>Sorts the postings by term (each term's chunks stay in row order) into compressed rows.</summary>
        public LexicalIndex Build()
        {
            var start = new int[_terms.Count + 1];
            foreach (var term in _postingTerms)
            {
                start[term + 1]++;
            }

            for (var term = 0; term < _terms.Count; term++)
            {
                start[term + 1] += start[term];
            }

            var next = (int[])start.Clone();
            var postings = _postingTerms.Count;
            var docs = new int[postings];
            var names = new ushort[postings];
            var comments = new ushort[postings];
            var body = new ushort[postings];
            var large = new Dictionary<int, (int, int, int)>();
            for (var posting = 0; posting < postings; posting++)
            {
                var at = next[_postingTerms[posting]]++;
                docs[at] = _postingDocs[posting];
                SetCounts(at, _postingCounts[posting], names, comments, body, large);
            }

            return new LexicalIndex([.. _rowIds], [.. _granularities], [.. _lengths], _terms, start, docs, names, comments, body, large);
        }
    }

    /// <summary>
    /// The index after the chunks <paramref name="removed"/> are dropped and <paramref name="added"/> ones (encoded as
    /// <see cref="Encode"/> writes them, in ascending row id order) appended: the same arrays a fresh load of the store
    /// would build (chunks in row order, each term's chunks in row order, terms no chunk holds any more dropped), so
    /// every search answers the same lists and scores. An edit re-indexes one file; this copies the postings once
    /// (tens of milliseconds on OpenTitan) instead of re-reading and decoding every chunk's terms (over a second).
    /// Null when an added row id is not above every kept one (SQLite gives a new row the largest id plus one, so that
    /// means the store was changed some other way): the caller reads the store again.
    /// </summary>
    public LexicalIndex? Patch(IReadOnlySet<long> removed, IReadOnlyList<(long RowId, Granularity Granularity, byte[] Data)> added)
    {
        ArgumentNullException.ThrowIfNull(removed);
        ArgumentNullException.ThrowIfNull(added);
        var docMap = new int[_rowIds.Length];
        var rowIds = new List<long>(_rowIds.Length + added.Count);
        var granularities = new List<byte>(_rowIds.Length + added.Count);
        var lengths = new List<int>(_rowIds.Length + added.Count);
        for (var doc = 0; doc < _rowIds.Length; doc++)
        {
            if (removed.Contains(_rowIds[doc]))
            {
                docMap[doc] = -1;
                continue;
            }

            docMap[doc] = rowIds.Count;
            rowIds.Add(_rowIds[doc]);
            granularities.Add(_granularities[doc]);
            lengths.Add(_lengths[doc]);
        }

        // The added chunks' postings, by term: new terms get ids after the old ones.
        var terms = new Dictionary<string, int>(_terms, StringComparer.Ordinal);
        var addedTerms = new List<int>();
        var addedDocs = new List<int>();
        var addedCounts = new List<(int Names, int Comments, int Body)>();
        foreach (var (rowId, granularity, data) in added)
        {
            if (rowIds.Count > 0 && rowId <= rowIds[^1])
            {
                return null;
            }

            var doc = rowIds.Count;
            var chunk = new EncodedChunk(data);
            rowIds.Add(rowId);
            granularities.Add((byte)granularity);
            lengths.Add(GrainTokens + chunk.Tokens);
            while (chunk.NextTerm(out var bytes, out var counts))
            {
                var term = Encoding.UTF8.GetString(bytes);
                if (!terms.TryGetValue(term, out var id))
                {
                    id = terms.Count;
                    terms[term] = id;
                }

                addedTerms.Add(id);
                addedDocs.Add(doc);
                addedCounts.Add(counts);
            }
        }

        // Postings per term after the change; a term left with none is dropped, the others keep their relative order.
        var sizes = new int[terms.Count];
        for (var term = 0; term < _terms.Count; term++)
        {
            for (var posting = _start[term]; posting < _start[term + 1]; posting++)
            {
                if (docMap[_docs[posting]] >= 0)
                {
                    sizes[term]++;
                }
            }
        }

        foreach (var term in addedTerms)
        {
            sizes[term]++;
        }

        var termIds = new int[terms.Count];
        var liveTerms = 0;
        for (var term = 0; term < terms.Count; term++)
        {
            termIds[term] = sizes[term] > 0 ? liveTerms++ : -1;
        }

        var liveDictionary = new Dictionary<string, int>(liveTerms, StringComparer.Ordinal);
        foreach (var (term, id) in terms)
        {
            if (termIds[id] >= 0)
            {
                liveDictionary[term] = termIds[id];
            }
        }

        var start = new int[liveTerms + 1];
        for (var term = 0; term < terms.Count; term++)
        {
            if (termIds[term] >= 0)
            {
                start[termIds[term] + 1] = sizes[term];
            }
        }

        for (var term = 0; term < liveTerms; term++)
        {
            start[term + 1] += start[term];
        }

        var postings = start[liveTerms];
        var docs = new int[postings];
        var names = new ushort[postings];
        var comments = new ushort[postings];
        var body = new ushort[postings];
        var large = new Dictionary<int, (int, int, int)>();
        var next = (int[])start.Clone();
        for (var term = 0; term < _terms.Count; term++)
        {
            if (termIds[term] < 0)
            {
                continue;
            }

            ref var at = ref next[termIds[term]];
            for (var posting = _start[term]; posting < _start[term + 1]; posting++)
            {
                var doc = docMap[_docs[posting]];
                if (doc < 0)
                {
                    continue;
                }

                docs[at] = doc;
                (names[at], comments[at], body[at]) = (_names[posting], _comments[posting], _body[posting]);
                if (_names[posting] == Saturated)
                {
                    large[at] = _large[posting];
                }

                at++;
            }
        }

        // Added chunks come after every kept one, so appending their postings keeps each term's chunks in row order.
        for (var posting = 0; posting < addedTerms.Count; posting++)
        {
            var at = next[termIds[addedTerms[posting]]]++;
            docs[at] = addedDocs[posting];
            SetCounts(at, addedCounts[posting], names, comments, body, large);
        }

        return new LexicalIndex([.. rowIds], [.. granularities], [.. lengths], liveDictionary, start, docs, names, comments, body, large);
    }

    /// <summary>Stores a posting's counts in the compact arrays, or (any of them past 65534) exactly in <paramref name="large"/>.</summary>
    private static void SetCounts(int at, (int Names, int Comments, int Body) counts, ushort[] names, ushort[] comments, ushort[] body, Dictionary<int, (int, int, int)> large)
    {
        if (counts.Names >= Saturated || counts.Comments >= Saturated || counts.Body >= Saturated)
        {
            large[at] = counts;
            (names[at], comments[at], body[at]) = (Saturated, Saturated, Saturated);
        }
        else
        {
            (names[at], comments[at], body[at]) = ((ushort)counts.Names, (ushort)counts.Comments, (ushort)counts.Body);
        }
    }

    /// <summary>
    /// Several BM25 lists for the same terms: every chunk containing any of the first
    /// <see cref="LexicalOptions.MaxQueryTerms"/> distinct terms is scored once and offered to each request of its
    /// granularity (null: any), which keeps its best <c>Top</c>, ties in row order. Scores are positive, higher is
    /// better (FTS5's bm25() negated).
    /// </summary>
    public ImmutableArray<ImmutableArray<(long RowId, double Score)>> Search(IReadOnlyList<string> terms, IReadOnlyList<LexicalRequest> requests, LexicalOptions options)
    {
        ArgumentNullException.ThrowIfNull(terms);
        ArgumentNullException.ThrowIfNull(requests);
        ArgumentNullException.ThrowIfNull(options);
        var chunks = _rowIds.Length;
        var queryTerms = terms.Distinct(StringComparer.Ordinal).Take(options.MaxQueryTerms).Select(SingleToken).ToList();
        if (chunks == 0 || queryTerms.Count == 0)
        {
            return [.. requests.Select(_ => ImmutableArray<(long, double)>.Empty)];
        }

        var avgdl = (double)_totalTokens / chunks;
        var weights = (options.NameWeight, options.CommentWeight, options.BodyWeight);
        var wholeWeights = IsWhole(options.NameWeight) && IsWhole(options.CommentWeight) && IsWhole(options.BodyWeight);
        var scores = ArrayPool<double>.Shared.Rent(chunks);
        var seen = ArrayPool<bool>.Shared.Rent(chunks);
        Array.Clear(seen, 0, chunks);
        var touched = new List<int>();
        try
        {
            foreach (var term in queryTerms)
            {
                if (term is null || !_terms.TryGetValue(term, out var id))
                {
                    // FTS5 scored such a phrase too: frequency 0 everywhere, so it added 0 to every row.
                    continue;
                }

                var hits = _start[id + 1] - _start[id];
                var idf = Math.Log((chunks - hits + 0.5) / (hits + 0.5));
                if (idf <= 0.0)
                {
                    idf = 1e-6;
                }

                for (var posting = _start[id]; posting < _start[id + 1]; posting++)
                {
                    var doc = _docs[posting];
                    var freq = Frequency(posting, weights, wholeWeights);
                    var length = (double)_lengths[doc];
                    var contribution = idf * ((freq * (K1 + 1.0)) / (freq + (K1 * (1 - B + (B * length / avgdl)))));
                    if (seen[doc])
                    {
                        scores[doc] += contribution;
                    }
                    else
                    {
                        seen[doc] = true;
                        scores[doc] = 0.0 + contribution;
                        touched.Add(doc);
                    }
                }
            }

            var result = ImmutableArray.CreateBuilder<ImmutableArray<(long, double)>>(requests.Count);
            foreach (var (granularity, top) in requests)
            {
                result.Add(Best(touched, scores, granularity, top));
            }

            return result.MoveToImmutable();
        }
        finally
        {
            ArrayPool<double>.Shared.Return(scores);
            ArrayPool<bool>.Shared.Return(seen);
        }
    }

    /// <summary>A query term as the one token it stands for; null when it is none or several (FTS5 read those as phrases).</summary>
    private static string? SingleToken(string term)
    {
        using var tokens = Tokens(term).GetEnumerator();
        if (!tokens.MoveNext())
        {
            return null;
        }

        var token = tokens.Current;
        return tokens.MoveNext() ? null : token;
    }

    /// <summary>The best <paramref name="top"/> touched chunks of a granularity: highest score first, ties by row id.</summary>
    private ImmutableArray<(long, double)> Best(List<int> touched, double[] scores, Granularity? granularity, int top)
    {
        if (top <= 0)
        {
            return [];
        }

        var queue = new PriorityQueue<int, (double Score, int Doc)>(top + 1, WorstFirst.Instance);
        foreach (var doc in touched)
        {
            if (granularity is { } wanted && _granularities[doc] != (byte)wanted)
            {
                continue;
            }

            var score = scores[doc];
            if (queue.Count < top)
            {
                queue.Enqueue(doc, (score, doc));
            }
            else if (queue.TryPeek(out _, out var worst) && (score > worst.Score || (score == worst.Score && doc < worst.Doc)))
            {
                queue.DequeueEnqueue(doc, (score, doc));
            }
        }

        var best = new (long, double)[queue.Count];
        for (var at = best.Length - 1; queue.TryDequeue(out var doc, out var key); at--)
        {
            best[at] = (_rowIds[doc], key.Score);
        }

        return [.. best];
    }

    /// <summary>
    /// The weighted frequency FTS5 computes: each occurrence adds its field's weight, in field order. With whole-number
    /// weights the products are exact, so they equal the repeated additions; other weights add one by one.
    /// </summary>
    private double Frequency(int posting, (double Names, double Comments, double Body) weights, bool wholeWeights)
    {
        (int Names, int Comments, int Body) counts = _names[posting] == Saturated ? _large[posting] : (_names[posting], _comments[posting], _body[posting]);
        var (names, comments, body) = counts;
        if (wholeWeights)
        {
            return (names * weights.Names) + (comments * weights.Comments) + (body * weights.Body);
        }

        var freq = 0.0;
        for (var count = 0; count < names; count++)
        {
            freq += weights.Names;
        }

        for (var count = 0; count < comments; count++)
        {
            freq += weights.Comments;
        }

        for (var count = 0; count < body; count++)
        {
            freq += weights.Body;
        }

        return freq;
    }

    private static bool IsWhole(double weight) => Math.Abs(weight) < (1 << 20) && weight == Math.Floor(weight);

    /// <summary>Orders the bounded queue so its head is the chunk to drop first: the lowest score, the latest among equals.</summary>
    private sealed class WorstFirst : IComparer<(double Score, int Doc)>
    {
        public static readonly WorstFirst Instance = new();

        public int Compare((double Score, int Doc) x, (double Score, int Doc) y)
        {
            var byScore = x.Score.CompareTo(y.Score);
            return byScore != 0 ? byScore : y.Doc.CompareTo(x.Doc);
        }
    }

    private static void WriteVarint(ArrayBufferWriter<byte> writer, int value)
    {
        var span = writer.GetSpan(5);
        var written = 0;
        var remaining = (uint)value;
        while (remaining >= 0x80)
        {
            span[written++] = (byte)(remaining | 0x80);
            remaining >>= 7;
        }

        span[written++] = (byte)remaining;
        writer.Advance(written);
    }

    /// <summary>Reads what <see cref="Encode"/> wrote; a truncated or corrupt blob reads as zeros rather than throwing.</summary>
    /// <summary>
    /// A chunk as <see cref="Encode"/> wrote it: the token counts of its three fields, then each distinct term's UTF-8
    /// bytes and its counts per field. The one reader of that layout (loading, patching, listing terms).
    /// </summary>
    private ref struct EncodedChunk
    {
        private VarintReader _reader;
        private int _remaining;

        public EncodedChunk(ReadOnlySpan<byte> data)
        {
            _reader = new VarintReader(data);
            for (var column = 0; column < 3; column++)
            {
                Tokens += _reader.Read();
            }

            TermCount = _remaining = _reader.Read();
        }

        /// <summary>Tokens of the three fields together.</summary>
        public int Tokens { get; }

        public int TermCount { get; }

        /// <summary>The next term's bytes and its counts in names, comments and body; false after the last.</summary>
        public bool NextTerm(out ReadOnlySpan<byte> term, out (int Names, int Comments, int Body) counts)
        {
            if (_remaining == 0)
            {
                term = default;
                counts = default;
                return false;
            }

            _remaining--;
            term = _reader.Bytes(_reader.Read());
            counts = (_reader.Read(), _reader.Read(), _reader.Read());
            return true;
        }
    }

    private ref struct VarintReader(ReadOnlySpan<byte> data)
    {
        private readonly ReadOnlySpan<byte> _data = data;
        private int _position;

        public int Read()
        {
            uint value = 0;
            for (var shift = 0; shift < 35 && _position < _data.Length; shift += 7)
            {
                var next = _data[_position++];
                value |= (uint)(next & 0x7f) << shift;
                if (next < 0x80)
                {
                    break;
                }
            }

            return (int)Math.Min(value, int.MaxValue);
        }

        public ReadOnlySpan<byte> Bytes(int length)
        {
            var available = Math.Min(length, _data.Length - _position);
            var bytes = _data.Slice(_position, available);
            _position += available;
            return bytes;
        }
    }
}
