using System.Collections.Frozen;
using System.Collections.Immutable;

namespace Hdl.Retrieval.Text;

/// <summary>
/// The abbreviations hardware designers use, grouped with the words they stand for. Each group maps to one canonical
/// term (its first entry), applied to documents and queries alike: a query saying "write enable" then meets `wr_en`
/// and a comment saying "counter" meets `cnt`. Groups come from naming in real designs (OpenTitan, Ibex, CVA6,
/// PicoRV32, verilog-ethernet, NEORV32, OSVVM): bus protocols, clocking, FIFOs, CPUs, peripherals.
/// </summary>
public sealed class HdlLexicon
{
    /// <summary>Groups of terms meaning the same; the first is the canonical form. Entries are already light-stemmed.</summary>
    private static readonly string[][] DefaultGroups =
    [
        // clocking and reset
        ["clk", "clock", "clocking", "ck"],
        ["rst", "reset", "rstn", "resetn", "reset_n", "rst_n", "nrst", "areset", "aresetn"],
        ["en", "enable", "ena", "enabled"],
        ["dis", "disable", "disabled"],
        ["div", "divide", "divider", "divisor", "division", "prescaler", "prescale", "presc"],
        ["mul", "multiply", "multiplier", "mult", "multiplication", "product"],
        ["freq", "frequency"],
        ["sync", "synchronize", "synchronizer", "synchroniser", "synchronise", "synchronous", "synchronization"],
        ["async", "asynchronous"],
        ["osc", "oscillator"],
        ["pll", "phase_locked_loop"],
        ["edge", "edges"],
        ["pos", "posedge", "rising", "rise", "positive"],
        ["neg", "negedge", "falling", "fall", "negative"],
        // counting and timing
        ["cnt", "count", "counter", "ctr", "cntr", "counting"],
        ["tmr", "timer"],
        ["tick", "tic", "strobe", "stb", "pulse"],
        ["timeout", "tout", "watchdog", "wdog", "wdt"],
        ["period", "prd"],
        ["delay", "dly", "latency", "lat"],
        ["cycle", "cyc", "cycles"],
        ["prev", "previous", "last", "old"],
        ["nxt", "next"],
        ["cur", "current", "curr", "present"],
        ["init", "initial", "initialize", "initialise", "initialization"],
        // data movement
        ["wr", "write", "wen", "we", "wrt", "wren"],
        ["rd", "read", "ren", "rden"],
        ["addr", "address", "adr", "ad"],
        ["dat", "data", "din", "dout", "payload"],
        ["in", "input", "inp"],
        ["out", "output", "outp"],
        ["src", "source"],
        ["dst", "destination", "dest"],
        ["req", "request", "rqst"],
        ["ack", "acknowledge", "acknowledgement", "acknowledgment"],
        ["gnt", "grant", "granted"],
        ["resp", "response", "rsp", "respond", "bresp", "rresp"],
        ["rdy", "ready"],
        ["vld", "valid"],
        ["busy", "bsy", "active", "act"],
        ["done", "finish", "finished", "complete", "completion", "cmpl", "cpl"],
        ["start", "go", "trigger", "trig"],
        ["stop", "halt"],
        ["err", "error", "errors", "fault", "failure", "fail"],
        ["ovf", "overflow", "overrun"],
        ["udf", "underflow", "underrun"],
        ["full", "ful"],
        ["empty", "empt", "mt"],
        ["lvl", "level", "fill", "occupancy", "usage"],
        ["thr", "threshold", "thresh", "watermark", "wm"],
        ["ptr", "pointer"],
        ["idx", "index", "indx"],
        ["len", "length"],
        ["sz", "size"],
        ["num", "number", "nr"],
        ["cfg", "config", "configuration", "conf", "setting", "settings"],
        ["ctrl", "control", "ctl", "cntl", "controller"],
        ["stat", "status", "sts", "state"],
        ["fsm", "machine"],
        ["reg", "register", "registers", "csr", "regfile"],
        ["mem", "memory", "ram", "sram", "storage"],
        ["rom", "readonly"],
        ["buf", "buffer", "buff"],
        ["fifo", "queue", "que"],
        ["sel", "select", "selector", "selection", "mux", "multiplexer"],
        ["demux", "demultiplexer"],
        ["arb", "arbiter", "arbitration", "arbitrate"],
        ["prio", "priority", "pri"],
        ["msk", "mask", "masked"],
        ["irq", "interrupt", "intr", "isr"],
        ["evt", "event"],
        ["pend", "pending"],
        ["clr", "clear"],
        ["set", "assert"],
        ["inc", "increment", "incr"],
        ["dec", "decrement", "decr"],
        ["upd", "update"],
        ["cmp", "compare", "comparator", "comparison"],
        ["eq", "equal", "equals", "match"],
        ["acc", "accumulator", "accumulate"],
        ["sum", "adder", "add", "addition"],
        ["sub", "subtract", "subtraction"],
        ["shft", "shift", "shifter", "sh", "shr", "shl"],
        ["rot", "rotate"],
        ["par", "parity"],
        ["crc", "checksum", "cyclic"],
        ["ecc", "secded"],
        ["enc", "encode", "encoder", "encoding"],
        ["decod", "decode", "decoder", "decoding"],
        ["cmd", "command"],
        ["op", "operation", "opcode", "opc"],
        ["instr", "instruction", "insn", "inst"],
        ["pc", "program_counter"],
        ["alu", "arithmetic"],
        ["br", "branch"],
        ["jmp", "jump"],
        ["ld", "load", "lsu"],
        ["stall", "stl"],
        ["flush", "flsh"],
        ["exc", "exception", "trap"],
        ["dbg", "debug"],
        ["perf", "performance"],
        ["imm", "immediate"],
        ["operand", "opnd"],
        ["wb", "writeback"],
        ["execute", "exe", "ex", "execution"],
        ["identifier", "ident"],
        ["fetch", "ifetch"],
        ["pipe", "pipeline", "pipelined", "stage", "stg"],
        ["tlb", "translation"],
        ["mmu", "paging"],
        ["cache", "cach"],
        ["tag", "tags"],
        ["hit", "hits"],
        ["miss", "misses"],
        ["dirty", "modified"],
        // buses and interfaces
        ["axi", "axi4"],
        ["apb", "peripheral_bus"],
        ["ahb", "ahb_lite"],
        ["tl", "tilelink", "tlul"],
        ["wishbone", "wbs", "wbm"],
        ["mst", "master", "manager", "host", "initiator"],
        ["slv", "slave", "subordinate", "device", "target"],
        ["bus", "buses", "busses", "interconnect", "xbar", "crossbar", "fabric"],
        ["brg", "bridge"],
        ["intf", "interface", "itf"],
        ["burst", "bst"],
        ["beat", "beats"],
        ["strb", "strobe", "byteenable", "be"],
        ["txn", "transaction", "trans", "xact"],
        ["prot", "protection"],
        ["lock", "locked", "lck"],
        ["excl", "exclusive"],
        ["dma", "direct_memory_access"],
        ["chan", "channel", "ch", "chn"],
        ["lane", "lanes"],
        ["port", "ports"],
        ["pkt", "packet", "frame", "frm"],
        ["hdr", "header"],
        ["ftr", "footer", "trailer"],
        ["eop", "tlast"],
        ["sop", "first"],
        ["stream", "streaming", "axis"],
        // serial peripherals
        ["tx", "transmit", "transmitter", "transmission", "send", "sender", "xmit"],
        ["rx", "receive", "receiver", "reception", "recv", "rcv"],
        ["uart", "serial", "rs232"],
        ["baud", "bitrate", "baudrate"],
        ["spi", "serial_peripheral"],
        ["i2c", "iic", "twi"],
        ["sda", "serial_data"],
        ["scl", "serial_clock", "sck", "sclk"],
        ["cs", "chip", "csn"],
        ["mosi", "sdo"],
        ["miso", "sdi"],
        ["gpio", "pin", "pins"],
        ["pwm", "pulse_width"],
        ["duty", "dutycycle"],
        ["dbnc", "debounce", "debouncer", "deglitch", "glitch"],
        ["bit", "bits"],
        ["byte", "bytes", "octet"],
        ["word", "words"],
        ["wdth", "width", "wid"],
        ["dpth", "depth"],
        ["msb"],
        ["lsb"],
        ["hi", "high", "upper"],
        ["lo", "low", "lower"],
        ["shiftreg"],
        ["ser", "serializer", "serialise", "serialize"],
        ["deser", "deserializer", "deserialise", "deserialize"],
        ["sample", "sampl", "smpl", "oversample"],
        ["pad", "padding", "pads"],
        ["tmp", "temp", "temporary"],
        ["value", "val"],
        ["max", "maximum"],
        ["min", "minimum"],
        ["cap", "capture"],
        ["wait", "waiting", "idle", "wt"],
        ["key", "keys"],
        ["rng", "random", "rand", "lfsr", "prng"],
        ["aes", "cipher"],
        ["hash", "sha", "digest", "hmac"],
        ["pwr", "power"],
        ["gate", "gating", "gated"],
        ["ext", "external"],
        ["intn", "internal"],
        ["tb", "testbench", "bench"],
        ["dut", "design_under_test", "uut"],
        ["mon", "monitor"],
        ["drv", "driver", "drive"],
        ["chk", "check", "checker", "assertion"],
        ["cov", "coverage"],
        ["seq", "sequence", "sequencer"],
        ["gen", "generate", "generator"],
        ["param", "parameter", "generic"],
        ["pkg", "package"],
        ["top", "toplevel"],
        ["wrap", "wrapper", "wrp"],
        ["inst", "instance"],
        ["rtl", "register_transfer"],
        ["adc", "analog"],
        ["led", "leds", "light"],
        ["btn", "button", "switch", "sw"],
    ];

    private readonly FrozenDictionary<string, string> _canonical;

    public HdlLexicon(IEnumerable<IReadOnlyList<string>> groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        var canonical = new Dictionary<string, string>(StringComparer.Ordinal);
        var groupCount = 0;
        foreach (var group in groups)
        {
            groupCount++;
            foreach (var term in group)
            {
                // The first group naming a term wins, so an ambiguous abbreviation keeps its most common sense.
                canonical.TryAdd(term, group[0]);
            }
        }

        _canonical = canonical.ToFrozenDictionary(StringComparer.Ordinal);
        GroupCount = groupCount;
    }

    public static HdlLexicon Default { get; } = new(DefaultGroups);

    public int GroupCount { get; }

    /// <summary>Every term the lexicon knows.</summary>
    public ImmutableArray<string> Terms => [.. _canonical.Keys];

    /// <summary>The canonical term for <paramref name="term"/>, or null when the lexicon does not know it.</summary>
    public string? Canonical(string term) => _canonical.GetValueOrDefault(term);
}
