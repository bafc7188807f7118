using System.Collections.Immutable;
using System.Runtime.InteropServices;
using System.Text;
using Hdl.Design;
using Hdl.Design.Model;
using Hdl.Syntax;
using Hdl.Syntax.Diagnostics;
using Hdl.Syntax.Text;
using Hdl.Workspace.Index;
using Hdl.Workspace.Parsing;

namespace Hdl.Workspace.Storage;

/// <summary>
/// The bytes an <see cref="IndexedFile"/> is stored as: a compact binary form written field by field, with
/// integers as variable-length numbers and every string written once per file (later uses name it by number), so
/// the path in each of a file's thousands of locations costs one byte (opentitan/hw: 27 MB for 1.14M lines, see
/// bench/index/results.md). JSON would repeat every path and property name in every location. Library types stay
/// free of serialization attributes (STYLE §2): the format lives here, next to the database that holds it.
/// When a model record gains a property, it is written here and <see cref="Version"/> goes up; the
/// IndexedFileFormatTests shape test fails until both are done. It also goes up when the model builders change
/// what they record for the same text (3: body parameters of a unit with a parameter port list are local), since
/// a stored model of an unchanged file would otherwise keep the old reading.
/// </summary>
public static class IndexedFileFormat
{
    /// <summary>Part of the database's schema version: stored files in another format are re-analysed.</summary>
    public const int Version = 5;

    public static byte[] Write(IndexedFile file) => Write(file, locations: null);

    /// <summary>
    /// With <paramref name="locations"/>, the bytes without the positions of locations (paths stay), which are added to
    /// the list in the order they are met: two models that differ only by where things are (text inserted above them)
    /// give the same bytes and lists that pair each old location with its new one.
    /// </summary>
    internal static byte[] Write(IndexedFile file, List<Location>? locations)
    {
        ArgumentNullException.ThrowIfNull(file);
        using var stream = new MemoryStream();
        using (var writer = new Writer(stream, locations))
        {
            writer.File(file);
        }

        return stream.ToArray();
    }

    /// <summary>Reads a file written by <see cref="Write(IndexedFile)"/>; throws <see cref="FormatException"/> on damaged bytes.</summary>
    public static IndexedFile Read(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        try
        {
            var reader = new Reader(bytes);
            var file = reader.File();
            if (!reader.AtEnd)
            {
                throw new FormatException("stored file has trailing bytes");
            }

            return file;
        }
        catch (EndOfStreamException exception)
        {
            throw new FormatException("stored file is truncated", exception);
        }
        catch (Exception exception) when (exception is ArgumentException or OverflowException or IndexOutOfRangeException or InvalidCastException)
        {
            throw new FormatException($"stored file is damaged: {exception.Message}", exception);
        }
    }

    private sealed class Writer(Stream stream, List<Location>? locations) : BinaryWriter(stream)
    {
        private readonly Dictionary<string, int> _strings = new(StringComparer.Ordinal);

        public void File(IndexedFile file)
        {
            Text(file.Path);
            Byte(file.Language is { } language ? (int)language : byte.MaxValue);
            Byte((int)file.Outcome);
            Text(file.ContentHash);
            Number(file.LineCount);
            Array(file.Diagnostics, Diagnostic);
            Write(file.Design is not null);
            if (file.Design is { } design)
            {
                Text(design.Path);
                Byte((int)design.Language);
                Array(design.Units, Unit);
                Array(design.Diagnostics, Diagnostic);
            }

            Text(file.Problem);
            Array(file.Includes, Text);
            Write(file.InactiveRegions is not null);
            if (file.InactiveRegions is { } regions)
            {
                Array(regions, span =>
                {
                    Number(span.Start);
                    Number(span.Length);
                });
            }
        }

        private void Unit(DesignUnitSymbol unit)
        {
            Byte((int)unit.Kind);
            Text(unit.Name);
            Byte((int)unit.Language);
            Location(unit.NameLocation);
            Location(unit.Extent);
            Text(unit.Owner);
            Text(unit.Library);
            Text(unit.Documentation);
            Array(unit.Parameters, Parameter);
            Array(unit.Ports, Port);
            Array(unit.Declarations, Declaration);
            Array(unit.Processes, Process);
            Array(unit.ContinuousAssignments, Assignment);
            Array(unit.Instances, Instance);
            Array(unit.GenerateBlocks, Generate);
            Array(unit.Subprograms, Subprogram);
            Array(unit.Imports, Import);
            Array(unit.References, Reference);
            Array(unit.Definitions, Definition);
        }

        private void Parameter(ParameterSymbol parameter)
        {
            Text(parameter.Name);
            Type(parameter.Type);
            Text(parameter.DefaultValue);
            Location(parameter.Location);
            Flags(parameter.IsLocal, parameter.IsType, parameter.Value.HasValue);
            if (parameter.Value is { } value)
            {
                Write7BitEncodedInt64(value);
            }
        }

        private void Port(PortSymbol port)
        {
            Text(port.Name);
            Byte((int)port.Direction);
            Type(port.Type);
            Location(port.Location);
            Text(port.Documentation);
        }

        private void Type(TypeSymbol type)
        {
            Text(type.Text);
            Array(type.PackedDimensions, Text);
            Array(type.UnpackedDimensions, Text);
            OptionalNumber(type.Width);
        }

        private void Declaration(DeclarationSymbol declaration)
        {
            Byte((int)declaration.Kind);
            Text(declaration.Name);
            Type(declaration.Type);
            Location(declaration.Location);
            Text(declaration.Scope);
            Array(declaration.Members, Text);
            Text(declaration.InitialValue);
            Text(declaration.Documentation);
        }

        private void Process(ProcessSymbol process)
        {
            Byte((int)process.Kind);
            Location(process.Location);
            Text(process.Label);
            Text(process.Scope);
            Array(process.Sensitivity, Text);
            Flags(process.SensitiveToAll, process.Clock is not null, process.Reset is not null);
            if (process.Clock is { } clock)
            {
                Text(clock.Signal);
                Byte((int)clock.Edge);
            }

            if (process.Reset is { } reset)
            {
                Text(reset.Signal);
                Flags(reset.ActiveLow, reset.Asynchronous, false);
            }

            Array(process.Assignments, Assignment);
        }

        private void Assignment(AssignmentSymbol assignment)
        {
            Array(assignment.Targets, SignalUse);
            Location(assignment.Location);
            Array(assignment.DataReads, SignalUse);
            Array(assignment.ControlReads, SignalUse);
            Write(assignment.IsBlocking);
            Text(assignment.Scope);
        }

        private void SignalUse(SignalUse use)
        {
            Text(use.Name);
            Text(use.Select);
            Location(use.Location);
        }

        private void Instance(InstanceSymbol instance)
        {
            Byte((int)instance.Kind);
            Text(instance.UnitName);
            Text(instance.InstanceName);
            Location(instance.Location);
            Text(instance.Library);
            Text(instance.Architecture);
            Text(instance.Scope);
            Array(instance.Parameters, Connection);
            Array(instance.Ports, Connection);
            Write(instance.HasWildcardConnection);
            Text(instance.ArrayDimensions);
        }

        private void Connection(ConnectionSymbol connection)
        {
            Text(connection.Formal);
            Number(connection.Position);
            Text(connection.Actual);
            Location(connection.Location);
            Array(connection.Signals, SignalUse);
            Write(connection.IsImplicit);
        }

        private void Generate(GenerateBlockSymbol block)
        {
            Byte((int)block.Kind);
            Text(block.Name);
            Location(block.Location);
            Text(block.Condition);
            Text(block.ParentScope);
            Number(block.Branch);
            Array(block.Alternatives, GenerateAlternative);
            Array(block.Choices, Text);
        }

        private void GenerateAlternative(GenerateAlternative alternative)
        {
            Location(alternative.Location);
            Text(alternative.Condition);
            Array(alternative.Choices, Text);
        }

        private void Subprogram(SubprogramSymbol subprogram)
        {
            Byte((int)subprogram.Kind);
            Text(subprogram.Name);
            Location(subprogram.Location);
            Write(subprogram.ReturnType is not null);
            if (subprogram.ReturnType is { } returnType)
            {
                Type(returnType);
            }

            Array(subprogram.Arguments, Port);
            Text(subprogram.Documentation);
            Text(subprogram.ReturnExpression);
        }

        private void Import(ImportSymbol import)
        {
            Text(import.Package);
            Text(import.Item);
            Location(import.Location);
            Text(import.Library);
        }

        private void Reference(ReferenceSymbol reference)
        {
            Text(reference.Name);
            Location(reference.Location);
            Write(reference.Definition.HasValue);
            if (reference.Definition is { } definition)
            {
                Location(definition);
            }

            Byte((int)reference.Kind);
            Text(reference.Qualifier);
            Text(reference.Prefix);
            Text(reference.Library);
            Flags(reference.Reportable, reference.ImplicitNet, reference.IsWildcard);
        }

        private void Definition(DefinitionSymbol definition)
        {
            Text(definition.Name);
            Byte((int)definition.Kind);
            Location(definition.Location);
            Text(definition.Container);
            Write(definition.IsUnitLevel);
            Text(definition.TypeText);
            Text(definition.TypeName);
            Text(definition.MemberOf);
        }

        private void Diagnostic(Diagnostic diagnostic)
        {
            Text(diagnostic.Descriptor.Id);
            Location(diagnostic.Location);
            Array(diagnostic.Arguments, Text);
            Array(diagnostic.Related, related =>
            {
                Location(related.Location);
                Text(related.Message);
            });
        }

        private void Location(Location location)
        {
            Text(location.Path);
            if (locations is not null)
            {
                locations.Add(location);
                return;
            }

            Number(location.Span.Start);
            Number(location.Span.Length);
            Number(location.Start.Line);
            Number(location.Start.Character);

            // The end line is near the start line, so it is written as a distance.
            Number(location.End.Line - location.Start.Line);
            Number(location.End.Character);
        }

        private void Array<T>(ImmutableArray<T> items, Action<T> write)
        {
            if (items.IsDefault)
            {
                Number(0);
                return;
            }

            Number(items.Length);
            foreach (var item in items)
            {
                write(item);
            }
        }

        /// <summary>0 is null; a number up to the strings seen so far names one of them; the next number brings a new one.</summary>
        private void Text(string? text)
        {
            if (text is null)
            {
                Number(0);
                return;
            }

            if (_strings.TryGetValue(text, out var id))
            {
                Number(id);
                return;
            }

            id = _strings.Count + 1;
            _strings[text] = id;
            Number(id);
            Write(text);
        }

        private void Number(int value) => Write7BitEncodedInt(value);

        private void OptionalNumber(int? value) => Write7BitEncodedInt64(value is { } number ? (long)number + 1 : 0);

        private void Byte(int value) => Write((byte)value);

        private void Flags(bool first, bool second, bool third) => Write((byte)((first ? 1 : 0) | (second ? 2 : 0) | (third ? 4 : 0)));
    }

    /// <summary>
    /// Reads what <see cref="Writer"/> wrote (BinaryWriter's encodings: 7-bit numbers, length-prefixed UTF-8 strings)
    /// straight from the byte array: a warm start decodes millions of numbers, and a stream call per byte was most of it.
    /// </summary>
    private sealed class Reader(byte[] bytes)
    {
        private readonly List<string> _strings = [];
        private int _position;

        public bool AtEnd => _position == bytes.Length;

        public IndexedFile File()
        {
            var path = RequiredText();
            var languageByte = ReadByte();
            HdlLanguage? language = languageByte == byte.MaxValue ? null : Enum<HdlLanguage>(languageByte);
            var outcome = Enum<FileParseOutcome>(ReadByte());
            var hash = RequiredText();
            var lineCount = Number();
            var diagnostics = Array(static reader => reader.Diagnostic());
            DesignFile? design = null;
            if (ReadBoolean())
            {
                design = new DesignFile(RequiredText(), Enum<HdlLanguage>(ReadByte()), Array(static reader => reader.Unit()), Array(static reader => reader.Diagnostic()));
            }

            var problem = Text();
            var includes = Array(static reader => reader.RequiredText());
            ImmutableArray<TextSpan>? inactive = ReadBoolean() ? Array(static reader => new TextSpan(reader.Number(), reader.Number())) : null;
            return new IndexedFile(path, language, outcome, hash, lineCount, diagnostics, design, problem) { Includes = includes, InactiveRegions = inactive };
        }

        private DesignUnitSymbol Unit() =>
            new(Enum<DesignUnitKind>(ReadByte()), RequiredText(), Enum<HdlLanguage>(ReadByte()), Location(), Location())
            {
                Owner = Text(),
                Library = Text(),
                Documentation = Text(),
                Parameters = Array(static reader => reader.Parameter()),
                Ports = Array(static reader => reader.Port()),
                Declarations = Array(static reader => reader.Declaration()),
                Processes = Array(static reader => reader.Process()),
                ContinuousAssignments = Array(static reader => reader.Assignment()),
                Instances = Array(static reader => reader.Instance()),
                GenerateBlocks = Array(static reader => reader.Generate()),
                Subprograms = Array(static reader => reader.Subprogram()),
                Imports = Array(static reader => reader.Import()),
                References = Array(static reader => reader.Reference()),
                Definitions = Array(static reader => reader.Definition()),
            };

        private ParameterSymbol Parameter()
        {
            // Fields are read into locals in the order written and the record is made once: a `with` copy per
            // record would double what a warm start allocates for the most numerous records.
            var name = RequiredText();
            var type = Type();
            var defaultValue = Text();
            var location = Location();
            var flags = ReadByte();
            return new ParameterSymbol(name, type, defaultValue, location)
            {
                IsLocal = (flags & 1) != 0,
                IsType = (flags & 2) != 0,
                Value = (flags & 4) != 0 ? Read7BitEncodedInt64() : null,
            };
        }

        private PortSymbol Port() =>
            new(RequiredText(), Enum<PortDirection>(ReadByte()), Type(), Location()) { Documentation = Text() };

        private TypeSymbol Type()
        {
            var text = RequiredText();
            var packed = Array(static reader => reader.RequiredText());
            var unpacked = Array(static reader => reader.RequiredText());
            var width = Read7BitEncodedInt64();
            return new TypeSymbol(text)
            {
                PackedDimensions = packed,
                UnpackedDimensions = unpacked,
                Width = width == 0 ? null : checked((int)(width - 1)),
            };
        }

        private DeclarationSymbol Declaration() =>
            new(Enum<DeclarationKind>(ReadByte()), RequiredText(), Type(), Location())
            {
                Scope = Text(),
                Members = Array(static reader => reader.RequiredText()),
                InitialValue = Text(),
                Documentation = Text(),
            };

        private ProcessSymbol Process()
        {
            var kind = Enum<ProcessKind>(ReadByte());
            var location = Location();
            var label = Text();
            var scope = Text();
            var sensitivity = Array(static reader => reader.RequiredText());
            var flags = ReadByte();
            var clock = (flags & 2) != 0 ? new ClockSymbol(RequiredText(), Enum<EdgeKind>(ReadByte())) : null;
            ResetSymbol? reset = null;
            if ((flags & 4) != 0)
            {
                var signal = RequiredText();
                var resetFlags = ReadByte();
                reset = new ResetSymbol(signal, (resetFlags & 1) != 0, (resetFlags & 2) != 0);
            }

            return new ProcessSymbol(kind, location)
            {
                Label = label,
                Scope = scope,
                Sensitivity = sensitivity,
                SensitiveToAll = (flags & 1) != 0,
                Clock = clock,
                Reset = reset,
                Assignments = Array(static reader => reader.Assignment()),
            };
        }

        private AssignmentSymbol Assignment() =>
            new(Array(static reader => reader.SignalUse()), Location())
            {
                DataReads = Array(static reader => reader.SignalUse()),
                ControlReads = Array(static reader => reader.SignalUse()),
                IsBlocking = ReadBoolean(),
                Scope = Text(),
            };

        private SignalUse SignalUse() => new(RequiredText(), Text(), Location());

        private InstanceSymbol Instance() =>
            new(Enum<InstanceKind>(ReadByte()), RequiredText(), RequiredText(), Location())
            {
                Library = Text(),
                Architecture = Text(),
                Scope = Text(),
                Parameters = Array(static reader => reader.Connection()),
                Ports = Array(static reader => reader.Connection()),
                HasWildcardConnection = ReadBoolean(),
                ArrayDimensions = Text(),
            };

        private ConnectionSymbol Connection() =>
            new(Text(), Number(), Text(), Location()) { Signals = Array(static reader => reader.SignalUse()), IsImplicit = ReadBoolean() };

        private GenerateBlockSymbol Generate() =>
            new(Enum<GenerateKind>(ReadByte()), RequiredText(), Location()) { Condition = Text(), ParentScope = Text(), Branch = Number(), Alternatives = Array(static reader => reader.GenerateAlternative()), Choices = Array(static reader => reader.RequiredText()) };

        private GenerateAlternative GenerateAlternative() => new(Location()) { Condition = Text(), Choices = Array(static reader => reader.RequiredText()) };

        private SubprogramSymbol Subprogram() =>
            new(Enum<SubprogramKind>(ReadByte()), RequiredText(), Location())
            {
                ReturnType = ReadBoolean() ? Type() : null,
                Arguments = Array(static reader => reader.Port()),
                Documentation = Text(),
                ReturnExpression = Text(),
            };

        private ImportSymbol Import() => new(RequiredText(), Text(), Location()) { Library = Text() };

        private ReferenceSymbol Reference()
        {
            var name = RequiredText();
            var location = Location();
            Location? definition = ReadBoolean() ? Location() : null;
            var kind = Enum<ReferenceKind>(ReadByte());
            var qualifier = Text();
            var prefix = Text();
            var library = Text();
            var flags = ReadByte();
            return new ReferenceSymbol(name, location)
            {
                Definition = definition,
                Kind = kind,
                Qualifier = qualifier,
                Prefix = prefix,
                Library = library,
                Reportable = (flags & 1) != 0,
                ImplicitNet = (flags & 2) != 0,
                IsWildcard = (flags & 4) != 0,
            };
        }

        private DefinitionSymbol Definition() =>
            new(RequiredText(), Enum<DefinitionKind>(ReadByte()), Location())
            {
                Container = Text(),
                IsUnitLevel = ReadBoolean(),
                TypeText = Text(),
                TypeName = Text(),
                MemberOf = Text(),
            };

        private Diagnostic Diagnostic()
        {
            var id = RequiredText();
            var descriptor = DiagnosticCatalog.FindById(id) ?? throw new FormatException($"unknown diagnostic {id}");
            return new Diagnostic(descriptor, Location(), Array(static reader => reader.RequiredText()), Array(static reader => new RelatedLocation(reader.Location(), reader.RequiredText())));
        }

        private Location Location()
        {
            var path = RequiredText();
            var span = new TextSpan(Number(), Number());
            var start = new LinePosition(Number(), Number());
            var end = new LinePosition(start.Line + Number(), Number());
            return new Location(path, span, start, end);
        }

        /// <summary>
        /// Items read by a static lambda (a method group would allocate a delegate per array: millions on a warm start),
        /// into an array of the exact size handed over without a builder.
        /// </summary>
        private ImmutableArray<T> Array<T>(Func<Reader, T> read)
        {
            var count = Number();
            if (count == 0)
            {
                return [];
            }

            // A damaged count must not allocate gigabytes: every item takes at least one byte.
            if (count < 0 || count > bytes.Length - _position)
            {
                throw new FormatException("stored array length is damaged");
            }

            var items = new T[count];
            for (var index = 0; index < count; index++)
            {
                items[index] = read(this);
            }

            return ImmutableCollectionsMarshal.AsImmutableArray(items);
        }

        private string RequiredText() => Text() ?? throw new FormatException("stored text is missing");

        private string? Text()
        {
            var id = Number();
            if (id == 0)
            {
                return null;
            }

            if (id <= _strings.Count)
            {
                return _strings[id - 1];
            }

            if (id != _strings.Count + 1)
            {
                throw new FormatException("stored string number is damaged");
            }

            var text = ReadString();
            _strings.Add(text);
            return text;
        }

        private int Number() => Read7BitEncodedInt();

        private byte ReadByte()
        {
            if ((uint)_position >= (uint)bytes.Length)
            {
                throw new EndOfStreamException();
            }

            return bytes[_position++];
        }

        private bool ReadBoolean() => ReadByte() != 0;

        private int Read7BitEncodedInt()
        {
            uint result = 0;
            for (var shift = 0; shift < 28; shift += 7)
            {
                var part = ReadByte();
                result |= (uint)(part & 0x7F) << shift;
                if (part <= 0x7F)
                {
                    return (int)result;
                }
            }

            var last = ReadByte();
            if (last > 0b1111)
            {
                throw new FormatException("stored number is too long");
            }

            return (int)(result | ((uint)last << 28));
        }

        private long Read7BitEncodedInt64()
        {
            ulong result = 0;
            for (var shift = 0; shift < 63; shift += 7)
            {
                var part = ReadByte();
                result |= (ulong)(part & 0x7F) << shift;
                if (part <= 0x7F)
                {
                    return (long)result;
                }
            }

            var last = ReadByte();
            if (last > 1)
            {
                throw new FormatException("stored number is too long");
            }

            return (long)(result | ((ulong)last << 63));
        }

        private string ReadString()
        {
            var length = Read7BitEncodedInt();
            if (length < 0 || length > bytes.Length - _position)
            {
                throw new EndOfStreamException();
            }

            var text = Encoding.UTF8.GetString(bytes, _position, length);
            _position += length;
            return text;
        }

        private static T Enum<T>(byte value)
            where T : struct, Enum =>
            EnumValues<T>.Defined[value] ? EnumValues<T>.Values[value] : throw new FormatException($"stored {typeof(T).Name} {value} is unknown");
    }

    /// <summary>The values of an enumeration that fit in the byte it is stored as, looked up without boxing.</summary>
    private static class EnumValues<T>
        where T : struct, Enum
    {
        public static readonly ImmutableArray<bool> Defined;

        public static readonly ImmutableArray<T> Values;

        static EnumValues()
        {
            var defined = new bool[256];
            var values = new T[256];
            foreach (var value in System.Enum.GetValues<T>())
            {
                var number = Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);
                if (number is >= 0 and < 256)
                {
                    defined[number] = true;
                    values[number] = value;
                }
            }

            Defined = [.. defined];
            Values = [.. values];
        }
    }
}
