using System.Collections.Immutable;
using System.Text.RegularExpressions;
using Hdl.Design.Model;

namespace Hdl.Retrieval.Chunking;

/// <summary>Settings of the role words given to signal and port chunks.</summary>
public sealed record SignalRoleOptions
{
    public static readonly SignalRoleOptions Default = new();

    /// <summary>
    /// What the lexical index puts before a role word (`role_counter`): role words are terms of their own, matched only
    /// by a signal search that asks for them, so they neither change the weight of the same word in units and blocks
    /// nor make signals crowd the all-granularity lists that seed the graph.
    /// </summary>
    public const string TermPrefix = "role_";

    /// <summary>Whether signal and port chunks carry role words at all.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>
    /// Names of the signals a signal feeds (reads it to drive them) named in its role, at most; they say what it is for
    /// ("write enable of the memory" for the signal that gates the memory's write). 0, the default, leaves them out: at 4
    /// they raised lexical signal MRR@10 on the dev sets but lowered hybrid (0.403 → 0.395; examples lexical 0.938 →
    /// 0.826), since a name repeated in every signal that feeds it matches more wrong signals than right ones.
    /// </summary>
    public int MaxFedSignals { get; init; }
}

/// <summary>
/// Words for what a signal does, read from how the design model says it is driven and used: a queried signal is
/// described by its role ("down counter reloaded with the divisor", "two-flop synchronised copy of the input",
/// "previous value used to detect the rising edge"), which its declaration alone does not say. Every rule is a
/// structural pattern of the unit's assignments, never a name: a counter reads itself under + or -, a shift register
/// reads itself inside a concatenation or shift, a registered copy is clocked from one other signal with no operator,
/// a state register is assigned constants in several places and steers its own updates, and so on.
/// Pure: works on one unit's model and the text it was built from (an empty text yields fewer words, never an error).
/// </summary>
public sealed partial class SignalRoles
{
    private readonly string _text;
    private readonly SignalRoleOptions _options;
    private readonly StringComparer _names;
    private readonly Dictionary<string, List<Driver>> _drivers;
    private readonly Dictionary<string, List<AssignmentSymbol>> _readers;
    private readonly HashSet<string> _signals;
    private readonly HashSet<string> _indexes;
    private readonly Dictionary<string, PortDirection> _ports;

    /// <summary>
    /// Reads the parts of one design unit: a Verilog module, or a VHDL entity with the architectures of the same file
    /// (the entity declares the ports, the architectures drive them).
    /// </summary>
    public SignalRoles(IReadOnlyList<DesignUnitSymbol> parts, string text, SignalRoleOptions options, bool ignoreCase)
    {
        ArgumentNullException.ThrowIfNull(parts);
        _text = text ?? string.Empty;
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _names = ignoreCase ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;
        _drivers = new Dictionary<string, List<Driver>>(_names);
        _readers = new Dictionary<string, List<AssignmentSymbol>>(_names);
        _indexes = new HashSet<string>(_names);
        _ports = new Dictionary<string, PortDirection>(_names);
        _signals = new HashSet<string>(_names);
        foreach (var unit in parts)
        {
            foreach (var port in unit.Ports)
            {
                _ports.TryAdd(port.Name, port.Direction);
                _signals.Add(port.Name);
            }

            _signals.UnionWith(unit.Declarations
                .Where(declaration => declaration.Kind is DeclarationKind.Net or DeclarationKind.Variable or DeclarationKind.Signal or DeclarationKind.SharedVariable)
                .Select(declaration => declaration.Name));
        }

        foreach (var unit in parts)
        {
            foreach (var assignment in unit.ContinuousAssignments)
            {
                AddAssignment(assignment, clocked: false);
            }

            foreach (var process in unit.Processes)
            {
                var clocked = process.Clock is not null || process.Kind == ProcessKind.AlwaysFf;
                foreach (var assignment in process.Assignments)
                {
                    AddAssignment(assignment, clocked);
                }
            }
        }
    }

    /// <summary>The role words of one signal or port of the unit; empty when no rule applies.</summary>
    public string Describe(string signal)
    {
        ArgumentNullException.ThrowIfNull(signal);
        if (!_options.Enabled)
        {
            return string.Empty;
        }

        // Only roles that set a signal apart: direction, clock, reset and flop-or-logic words were measured too, and
        // they match the context words of nearly every query ("the input pulse", "on the source clock side").
        var words = new List<string>();
        var drivers = _drivers.GetValueOrDefault(signal) ?? [];
        var counting = drivers.Where(driver => driver.ReadsItself(signal, _names) && driver.Counts).ToList();
        if (counting.Count > 0)
        {
            words.Add(counting.Any(driver => driver.Decrements) && !counting.Any(driver => driver.Increments) ? "down counter decrements" : "counter counts increments");
            if (drivers.Any(driver => !driver.ReadsItself(signal, _names) && driver.SignalReads.Length > 0))
            {
                words.Add("loaded reloaded");
            }
        }
        else if (drivers.Any(driver => driver.ReadsItself(signal, _names) && driver.Shifts))
        {
            words.Add("shift register shifted");
        }

        if (IsStateRegister(signal, drivers))
        {
            words.Add("state machine current state");
        }
        else if (IsFlag(drivers))
        {
            // Clocked, a set and a clear hold the value between them (a sticky flag); combinational, the literal
            // bits under conditions decode an enable or strobe for this cycle.
            words.Add(drivers.Any(driver => driver.Clocked) ? "flag set cleared" : "enable strobe condition");
        }

        if (CopiedFrom(drivers) is { } source)
        {
            words.Add("registered copy delayed");
            if (_ports.TryGetValue(source, out var sourceDirection) && sourceDirection == PortDirection.In
                || CopiedFrom(_drivers.GetValueOrDefault(source) ?? []) is not null
                || FeedsCopy(signal))
            {
                words.Add("synchronizer stage synchronized");
            }

            if (ReadWithSource(signal, source))
            {
                words.Add("previous last value edge detect");
            }

            // The register of a next-state or next-memory value (`state_q <= state_d`) is the state or the memory.
            var sourceDrivers = _drivers.GetValueOrDefault(source) ?? [];
            if (IsStateRegister(source, sourceDrivers, signal))
            {
                words.Add("state machine current state");
            }

            // `cnt_q <= cnt_d` with `cnt_d = cnt_q + 1`: the register counts (or shifts) through its next value.
            if (counting.Count == 0 && sourceDrivers.Any(driver => driver.ReadsItself(signal, _names) && driver.Counts))
            {
                words.Add(sourceDrivers.Any(driver => driver.ReadsItself(signal, _names) && driver.Increments) ? "counter counts increments" : "down counter decrements");
            }
            else if (sourceDrivers.Any(driver => driver.ReadsItself(signal, _names) && driver.Shifts))
            {
                words.Add("shift register shifted");
            }

            if (sourceDrivers.Any(driver => driver.IndexedTarget))
            {
                words.Add("memory array storage");
            }
        }

        if (drivers.Any(driver => driver.DetectsEdge))
        {
            words.Add("edge detect pulse");
        }

        if (drivers.Any(driver => driver.IndexedTarget))
        {
            words.Add("memory array storage");
        }

        if (_indexes.Contains(signal))
        {
            words.Add("index address pointer");
        }

        if (_options.MaxFedSignals > 0 && _readers.TryGetValue(signal, out var readers))
        {
            var fed = readers.SelectMany(reader => reader.Targets).Select(target => target.Name)
                .Where(name => !_names.Equals(name, signal)).Distinct(_names).Take(_options.MaxFedSignals).ToList();
            if (fed.Count > 0)
            {
                words.Add("drives " + string.Join(' ', fed));
            }
        }

        return string.Join(' ', words);
    }

    private void AddAssignment(AssignmentSymbol assignment, bool clocked)
    {
        var statement = StatementText(assignment);
        var signalReads = assignment.DataReads.Select(read => read.Name).Where(_signals.Contains).Distinct(_names).ToImmutableArray();
        foreach (var target in assignment.Targets)
        {
            var indexed = target.Select is { } select && Identifiers(select).Any(_signals.Contains);
            AddTo(_drivers, target.Name, new Driver(assignment, clocked, statement, signalReads, indexed));
        }

        foreach (var read in assignment.DataReads.Concat(assignment.ControlReads).Select(read => read.Name).Distinct(_names))
        {
            AddTo(_readers, read, assignment);
        }

        foreach (var use in assignment.DataReads.Concat(assignment.Targets))
        {
            if (use.Select is { } select)
            {
                foreach (var name in Identifiers(select).Where(_signals.Contains))
                {
                    _indexes.Add(name);
                }
            }
        }
    }

    /// <summary>
    /// Assigned only constants, in several places, and read as a condition of its own updates: a case on itself (or on
    /// <paramref name="register"/>, the flop that holds it, for a next-state signal).
    /// </summary>
    private bool IsStateRegister(string signal, List<Driver> drivers, string? register = null) =>
        drivers.Count(driver => driver.SignalReads.Length == 0 && !driver.LiteralBit) >= 2
        && drivers.Any(driver => driver.Assignment.ControlReads.Any(read => _names.Equals(read.Name, signal) || register is not null && _names.Equals(read.Name, register)));

    /// <summary>Set to one literal bit in one place and to the other in another: a flag raised and cleared by conditions.</summary>
    private static bool IsFlag(List<Driver> drivers) =>
        drivers.Count >= 2 && drivers.Any(driver => driver.SetsOne) && drivers.Any(driver => driver.SetsZero);

    /// <summary>The one signal a register is a plain clocked copy of (no operator), or null.</summary>
    private string? CopiedFrom(List<Driver> drivers)
    {
        var copies = drivers.Where(driver => driver.Clocked && driver.SignalReads.Length == 1 && driver.PlainCopy).ToList();
        if (copies.Count == 0 || drivers.Any(driver => driver.SignalReads.Length > 0 && !(driver.PlainCopy && driver.SignalReads.Length == 1)))
        {
            return null;
        }

        var source = copies[0].SignalReads[0];
        return copies.All(copy => _names.Equals(copy.SignalReads[0], source)) ? source : null;
    }

    private bool FeedsCopy(string signal) =>
        _readers.TryGetValue(signal, out var readers)
        && readers.Any(reader => reader.Targets.Any(target => _drivers.TryGetValue(target.Name, out var drivers) && _names.Equals(CopiedFrom(drivers), signal)));

    /// <summary>
    /// Read in one statement (as data or condition) with the signal it copies: `x and not x_q`, `x = '1' and x_q = '0'`,
    /// `x != x_q` all compare a signal with its previous value, which is how edges and changes are detected.
    /// </summary>
    private bool ReadWithSource(string signal, string source) =>
        _readers.TryGetValue(signal, out var readers)
        && readers.Any(reader => reader.DataReads.Concat(reader.ControlReads).Any(read => _names.Equals(read.Name, source)));

    private string StatementText(AssignmentSymbol assignment)
    {
        var span = assignment.Location.Span;
        if (span.Start < 0 || span.Length <= 0 || span.Start + span.Length > _text.Length)
        {
            return string.Empty;
        }

        return _text.Substring(span.Start, span.Length);
    }

    private static bool HasNegation(string value) =>
        value.Contains('~', StringComparison.Ordinal) || value.Contains('!', StringComparison.Ordinal) || ContainsWord(value, "not");

    /// <summary>What follows the assignment operator (less-equal, colon-equal or equal sign), or the whole statement when none is found.</summary>
    private static string RightHandSide(string statement)
    {
        foreach (var op in new[] { "<=", ":=", "=" })
        {
            var at = statement.IndexOf(op, StringComparison.Ordinal);
            if (at >= 0)
            {
                return statement[(at + op.Length)..];
            }
        }

        return statement;
    }

    private static bool ContainsWord(string text, string word)
    {
        var at = 0;
        while ((at = text.IndexOf(word, at, StringComparison.OrdinalIgnoreCase)) >= 0)
        {
            var before = at == 0 || !IsIdentifierChar(text[at - 1]);
            var after = at + word.Length >= text.Length || !IsIdentifierChar(text[at + word.Length]);
            if (before && after)
            {
                return true;
            }

            at += word.Length;
        }

        return false;
    }

    /// <summary>The identifiers written in a select (`[wr_ptr_q]`, `(to_integer(Addr))`), each looked up once rather than every signal searched for.</summary>
    private static IEnumerable<string> Identifiers(string text)
    {
        var start = -1;
        for (var index = 0; index <= text.Length; index++)
        {
            if (index < text.Length && IsIdentifierChar(text[index]))
            {
                start = start < 0 ? index : start;
            }
            else if (start >= 0)
            {
                yield return text[start..index];
                start = -1;
            }
        }
    }

    private static bool IsIdentifierChar(char character) => char.IsLetterOrDigit(character) || character is '_' or '$';

    private static void AddTo<T>(Dictionary<string, List<T>> map, string key, T value)
    {
        if (!map.TryGetValue(key, out var list))
        {
            list = [];
            map[key] = list;
        }

        list.Add(value);
    }

    /// <summary>One assignment to the signal, with what its right-hand side looks like.</summary>
    private sealed partial class Driver
    {
        public Driver(AssignmentSymbol assignment, bool clocked, string statement, ImmutableArray<string> signalReads, bool indexedTarget)
        {
            Assignment = assignment;
            Clocked = clocked;
            SignalReads = signalReads;
            IndexedTarget = indexedTarget;
            var value = RightHandSide(statement).Trim().TrimEnd(';').Trim();

            // Arithmetic in a select (`[W-1:0]`, `(W-2 downto 0)`) is a bound, not a count.
            var arithmetic = Selects().Replace(value, " ");
            Increments = arithmetic.Contains('+', StringComparison.Ordinal);
            Decrements = arithmetic.Contains('-', StringComparison.Ordinal);
            Shifts = value.Contains('{', StringComparison.Ordinal) || value.Contains('&', StringComparison.Ordinal)
                || value.Contains("<<", StringComparison.Ordinal) || value.Contains(">>", StringComparison.Ordinal)
                || value.Contains("shift_", StringComparison.OrdinalIgnoreCase);
            SetsOne = value is "1" or "1'b1" or "'1'" or "'1" or "true" or "1'h1";
            SetsZero = value is "0" or "1'b0" or "'0'" or "'0" or "false" or "1'h0" or "(others => '0')";
            LiteralBit = SetsOne || SetsZero;
            DetectsEdge = signalReads.Length == 2 && HasNegation(value) && (value.IndexOfAny(['&', '^']) >= 0 || ContainsWord(value, "and"));

            // A plain copy has nothing but a name (and a select) on its right: no operator, call or literal.
            PlainCopy = value.Length > 0 && value.All(character => IsIdentifierChar(character) || character is '[' or ']' or ':' or '(' or ')' or '.' || char.IsWhiteSpace(character))
                        && !value.Contains(" when ", StringComparison.OrdinalIgnoreCase);
        }

        public AssignmentSymbol Assignment { get; }

        [GeneratedRegex(@"\[[^\[\]]*\]|\([^()]*\b(?:downto|to)\b[^()]*\)", RegexOptions.IgnoreCase)]
        private static partial Regex Selects();

        public bool Clocked { get; }

        public ImmutableArray<string> SignalReads { get; }

        public bool IndexedTarget { get; }

        public bool Increments { get; }

        public bool Decrements { get; }

        public bool Counts => Increments || Decrements;

        public bool Shifts { get; }

        public bool SetsOne { get; }

        public bool SetsZero { get; }

        public bool LiteralBit { get; }

        public bool DetectsEdge { get; }

        public bool PlainCopy { get; }

        public bool ReadsItself(string signal, StringComparer names) => SignalReads.Contains(signal, names);
    }
}
