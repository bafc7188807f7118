using System.Collections.Immutable;
using System.Text.Json;

namespace Hdl.Retrieval.Storage.Qdrant;

/// <summary>A condition of a Qdrant payload filter: a field match, a null test, or a nested filter.</summary>
public abstract record QdrantCondition
{
    internal abstract void Write(Utf8JsonWriter writer);
}

/// <summary>
/// The payload field <paramref name="Key"/> equals one of <paramref name="Values"/> (strings, integers or booleans):
/// one value is Qdrant's <c>match.value</c>, several are <c>match.any</c>.
/// </summary>
public sealed record QdrantFieldMatch(string Key, ImmutableArray<object> Values) : QdrantCondition
{
    internal override void Write(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("key", Key);
        writer.WriteStartObject("match");
        if (Values.Length == 1)
        {
            writer.WritePropertyName("value");
            WriteValue(writer, Values[0]);
        }
        else
        {
            writer.WriteStartArray("any");
            foreach (var value in Values)
            {
                WriteValue(writer, value);
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void WriteValue(Utf8JsonWriter writer, object value)
    {
        switch (value)
        {
            case string text:
                writer.WriteStringValue(text);
                break;
            case bool flag:
                writer.WriteBooleanValue(flag);
                break;
            case int or long or short or byte or uint:
                writer.WriteNumberValue(Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture));
                break;
            default:
                throw new NotSupportedException($"Qdrant matches strings, integers and booleans, not {value.GetType().Name}.");
        }
    }
}

/// <summary>The payload field <paramref name="Key"/> is null (Qdrant's <c>is_null</c>).</summary>
public sealed record QdrantFieldIsNull(string Key) : QdrantCondition
{
    internal override void Write(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteStartObject("is_null");
        writer.WriteString("key", Key);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }
}

/// <summary>
/// Qdrant's boolean filter: every <see cref="Must"/>, at least one <see cref="Should"/> (when any), no
/// <see cref="MustNot"/>. A filter is itself a condition, so filters nest.
/// </summary>
public sealed record QdrantFilter(
    ImmutableArray<QdrantCondition> Must,
    ImmutableArray<QdrantCondition> Should,
    ImmutableArray<QdrantCondition> MustNot) : QdrantCondition
{
    public static QdrantFilter AllOf(params QdrantCondition[] conditions) => new([.. conditions], [], []);

    public static QdrantFilter AnyOf(params QdrantCondition[] conditions) => new([], [.. conditions], []);

    public static QdrantFilter NoneOf(params QdrantCondition[] conditions) => new([], [], [.. conditions]);

    /// <summary>Points whose payload field equals <paramref name="value"/>.</summary>
    public static QdrantFilter FieldEquals(string key, object value) => AllOf(new QdrantFieldMatch(key, [value]));

    /// <summary>Both filters; flat when neither has a should clause, so the JSON stays the one a person would write.</summary>
    public QdrantFilter And(QdrantFilter other)
    {
        if (Should.IsDefaultOrEmpty && other.Should.IsDefaultOrEmpty)
        {
            return new(Must.AddRange(other.Must), [], MustNot.AddRange(other.MustNot));
        }

        return AllOf(this, other);
    }

    internal override void Write(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        WriteClause(writer, "must", Must);
        WriteClause(writer, "should", Should);
        WriteClause(writer, "must_not", MustNot);
        writer.WriteEndObject();
    }

    private static void WriteClause(Utf8JsonWriter writer, string name, ImmutableArray<QdrantCondition> conditions)
    {
        if (conditions.IsDefaultOrEmpty)
        {
            return;
        }

        writer.WriteStartArray(name);
        foreach (var condition in conditions)
        {
            condition.Write(writer);
        }

        writer.WriteEndArray();
    }
}
