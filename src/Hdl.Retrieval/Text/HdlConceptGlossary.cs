using System.Collections.Frozen;
using System.Collections.Immutable;

namespace Hdl.Retrieval.Text;

/// <summary>
/// Hardware concepts with the phrases that name them in code, comments and plain-English questions. Where the
/// <see cref="HdlLexicon"/> maps single words to one spelling, a concept links phrases that share no word at all
/// (`popcnt` and "number of ones"; `bin2gray` and "gray code"; "clock domain crossing" and `cdc`). It is generic
/// hardware knowledge, written once for any repository, and only the vector side reads it (as extra dimensions of
/// the built-in embedding), so the lexical index stays BM25 over the lexicon-normalised words.
/// </summary>
public sealed class HdlConceptGlossary
{
    /// <summary>Changes whenever <see cref="DefaultConcepts"/> does, so embeddings that read it are made again.</summary>
    public const string Version = "glossary-v1";

    /// <summary>Each concept: its name, then its phrases (words as a designer would write them; analysed like any text).</summary>
    private static readonly string[][] DefaultConcepts =
    [
        // bit manipulation and arithmetic
        ["popcount", "popcount", "popcnt", "population count", "count ones", "ones count", "number of ones", "set bits", "hamming weight", "cpop"],
        ["leading_zeros", "clz", "lzc", "lzd", "leading zero", "count leading zeros", "trailing zero", "ctz", "leading one detector", "normalization shift"],
        ["priority_encoder", "priority encoder", "find first set", "ffs", "first set bit", "lowest set bit"],
        ["onehot", "one hot", "onehot", "oh2bin", "bin2oh", "one cold"],
        ["gray_code", "gray code", "gray", "bin2gray", "gray2bin", "binary to gray", "reflected binary"],
        ["bcd", "bcd", "binary coded decimal", "double dabble", "decimal digit"],
        ["sign_extension", "sign extend", "sign extension", "sext", "signext", "zero extend", "zext"],
        ["byte_swap", "byte swap", "endian", "endianness", "bswap", "byte order", "byte reversal"],
        ["bit_reverse", "bit reverse", "bitrev", "reverse order", "mirror bits"],
        ["saturation", "saturate", "saturating", "saturation", "clamp", "clip"],
        ["carry", "carry", "carry chain", "carry save", "full adder", "half adder", "ripple carry", "carry lookahead", "csa"],
        ["booth", "booth", "partial product", "wallace tree", "dadda"],
        ["barrel_shifter", "barrel shifter", "barrel", "funnel shifter", "logical shift", "arithmetic shift"],
        ["majority", "majority vote", "voter", "triple modular redundancy", "tmr", "redundant copies"],
        // coding and checking
        ["crc", "crc", "cyclic redundancy check", "frame check sequence", "fcs", "checksum", "polynomial division"],
        ["ecc", "ecc", "secded", "error correcting code", "error correction", "hamming code", "syndrome", "single error correct", "double error detect"],
        ["parity", "parity", "parity bit", "even parity", "odd parity"],
        ["lfsr", "lfsr", "linear feedback shift register", "pseudo random", "prbs", "scrambler", "descrambler", "whitening"],
        ["line_code", "manchester", "nrzi", "bit stuffing", "running disparity"],
        // clocks, resets, timing
        ["cdc", "clock domain crossing", "cdc", "cross clock", "metastability", "two flop", "double flop", "handshake synchronizer", "pulse synchronizer"],
        ["reset_sync", "reset synchronizer", "reset sync", "rst sync", "asynchronous assert synchronous deassert", "reset release"],
        ["clock_gate", "clock gate", "clock gating", "icg", "gated clock", "clkgate", "latch based gate"],
        ["clock_mux", "clock mux", "clkmux", "glitch free mux", "clock switch", "clock select"],
        ["clock_divider", "clock divider", "clkdiv", "divided clock", "baud rate generator", "baud tick", "tick generator", "clock enable pulse"],
        ["edge_detect", "edge detect", "edge detector", "rising edge detect", "falling edge detect", "pulse on change", "detect transition"],
        ["pulse_stretch", "pulse stretch", "pulse stretcher", "stretch pulse", "extend pulse"],
        ["debounce", "debounce", "debouncer", "bounce", "contact bounce", "glitch filter", "deglitch"],
        ["watchdog", "watchdog", "wdog", "wdt", "bark", "bite", "kick the dog", "pet the dog"],
        ["timer", "mtime", "mtimecmp", "real time clock", "rtc", "timer compare", "timer interrupt", "free running counter"],
        // storage and flow control
        ["fifo", "fifo", "first in first out", "queue", "circular buffer", "ring buffer", "write pointer", "read pointer"],
        ["async_fifo", "async fifo", "asynchronous fifo", "dual clock fifo", "dcfifo", "gray pointer", "clock crossing fifo"],
        ["skid_buffer", "skid buffer", "skid", "spill register", "elastic buffer", "register slice"],
        ["handshake", "valid ready", "handshake", "backpressure", "back pressure", "flow control", "stall upstream"],
        ["credit", "credit", "credits", "credit counter", "credit based"],
        ["arbiter", "arbiter", "arbitration", "round robin", "rr arbiter", "fair arbitration", "grant", "fixed priority"],
        ["register_file", "register file", "gpr", "general purpose register", "rf"],
        ["dual_port_ram", "dual port ram", "dpram", "tdpram", "sdpram", "single port ram", "spram", "bram", "true dual port"],
        ["cam", "content addressable memory", "cam", "associative lookup", "tcam"],
        ["shift_register", "shift register", "shiftreg", "sipo", "piso", "serial in parallel out", "parallel in serial out", "delay line", "tapped delay"],
        ["width_converter", "width converter", "upsizer", "downsizer", "gearbox", "data width conversion"],
        ["address_decoder", "address decoder", "address decode", "memory map", "address map", "region select", "chip select decode"],
        ["state_machine", "state machine", "fsm", "next state", "state transition", "current state", "statemachine"],
        // processors
        ["compressed_instruction", "compressed instruction", "rvc", "c extension", "decompress", "compressed decoder"],
        ["branch_prediction", "branch prediction", "branch predictor", "bpu", "btb", "bht", "return address stack", "ras"],
        ["forwarding", "forwarding", "operand forwarding", "bypass", "bypassing", "data hazard", "raw hazard", "hazard"],
        ["machine_csr", "mstatus", "mcause", "mepc", "mtvec"],
        ["interrupt_controller", "interrupt controller", "plic", "clint", "clic", "nvic", "interrupt priority", "interrupt claim"],
        ["debug_module", "debug module", "jtag", "tap controller", "tck", "tms", "tdi", "tdo", "boundary scan", "dmi"],
        ["prefetch", "prefetch buffer", "prefetch", "instruction fetch queue", "fetch fifo"],
        ["division", "long division", "restoring division", "non restoring", "quotient", "remainder"],
        // communication
        ["ethernet", "ethernet", "mac", "gmii", "rgmii", "mii", "xgmii", "preamble", "start frame delimiter", "sfd"],
        ["pwm", "pulse width modulation", "pwm", "duty cycle"],
        ["seven_segment", "seven segment", "sseg", "segment display", "digit display"],
        // security
        ["cipher", "sbox", "substitution box", "round key", "key expansion", "key schedule", "mix columns", "block cipher"],
        ["alert", "alert", "escalation", "esc", "alert handler", "fatal alert", "recoverable alert"],
    ];

    private readonly FrozenDictionary<string, ImmutableArray<(int Concept, ImmutableArray<string> Terms)>> _phrasesByTerm;

    /// <summary>Builds the glossary with the analyser the texts go through, so a phrase meets a text word for word.</summary>
    public HdlConceptGlossary(TextAnalyzer analyzer, IEnumerable<IReadOnlyList<string>> concepts)
    {
        ArgumentNullException.ThrowIfNull(analyzer);
        ArgumentNullException.ThrowIfNull(concepts);
        var names = ImmutableArray.CreateBuilder<string>();
        var byTerm = new Dictionary<string, List<(int, ImmutableArray<string>)>>(StringComparer.Ordinal);
        foreach (var concept in concepts)
        {
            if (concept.Count < 2)
            {
                continue;
            }

            var id = names.Count;
            names.Add(concept[0]);
            foreach (var phrase in concept.Skip(1))
            {
                var terms = PhraseTerms(analyzer, phrase);
                if (terms.Length == 0)
                {
                    continue;
                }

                // Indexed by its rarest-looking word would be faster; by every word keeps the match order-free and simple.
                foreach (var term in terms.Distinct(StringComparer.Ordinal))
                {
                    if (!byTerm.TryGetValue(term, out var list))
                    {
                        byTerm[term] = list = [];
                    }

                    list.Add((id, terms));
                }
            }
        }

        Concepts = names.ToImmutable();
        _phrasesByTerm = byTerm.ToFrozenDictionary(pair => pair.Key, pair => pair.Value.ToImmutableArray(), StringComparer.Ordinal);
    }

    public static HdlConceptGlossary Default { get; } = new(TextAnalyzer.Default, DefaultConcepts);

    /// <summary>Concept names; a concept's index here is its dimension in <see cref="Count"/>.</summary>
    public ImmutableArray<string> Concepts { get; }

    /// <summary>
    /// How often each concept is named in a text given as its analysed terms. A phrase of several words counts where
    /// all its words occur within a window of its length plus two (so "set bits" also meets "bits that are set" and
    /// `bits_set`), each word at most once per match.
    /// </summary>
    public int[] Count(IReadOnlyList<string> terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        var counts = new int[Concepts.Length];
        var lastMatch = new Dictionary<int, int>();
        for (var start = 0; start < terms.Count; start++)
        {
            if (!_phrasesByTerm.TryGetValue(terms[start], out var phrases))
            {
                continue;
            }

            foreach (var (concept, phrase) in phrases)
            {
                // One mention per concept per window: `pop_count` gives the whole identifier and its parts, not three matches.
                if (lastMatch.TryGetValue(concept, out var last) && start - last <= phrase.Length + 1)
                {
                    continue;
                }

                if (Matches(terms, start, phrase))
                {
                    counts[concept]++;
                    lastMatch[concept] = start;
                }
            }
        }

        return counts;
    }

    private static bool Matches(IReadOnlyList<string> terms, int start, ImmutableArray<string> phrase)
    {
        if (phrase.Length == 1)
        {
            return true;
        }

        var end = Math.Min(terms.Count, start + phrase.Length + 2);
        foreach (var word in phrase)
        {
            var found = false;
            for (var index = start; index < end && !found; index++)
            {
                found = string.Equals(terms[index], word, StringComparison.Ordinal);
            }

            if (!found)
            {
                return false;
            }
        }

        return true;
    }

    private static ImmutableArray<string> PhraseTerms(TextAnalyzer analyzer, string phrase)
    {
        var terms = new List<string>();
        foreach (var word in phrase.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            // Words of a phrase are sub-tokens: the whole-identifier term AnalyzeIdentifier adds for `bin2gray` is kept,
            // the parts too, in order, as a text would have them.
            analyzer.AnalyzeProse(word, terms);
        }

        return [.. terms];
    }
}
