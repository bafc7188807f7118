using System.Collections;
using System.Collections.Immutable;
using System.Linq.Expressions;
using System.Reflection;

namespace Hdl.Retrieval.Storage.Qdrant;

/// <summary>
/// Turns the LINQ filter of Microsoft.Extensions.VectorData (<c>r =&gt; r.Granularity == "block" &amp;&amp; r.Path == f</c>)
/// into a Qdrant payload filter. Supported: <c>==</c>, <c>!=</c> (also against null), <c>&amp;&amp;</c>, <c>||</c>,
/// <c>!</c>, and <c>values.Contains(r.Field)</c>; anything else is refused with the expression in the message, because
/// silently dropping part of a filter would return wrong hits.
/// </summary>
internal static class QdrantFilterTranslator
{
    public static QdrantFilter Translate(Expression<Func<ChunkVectorRecord, bool>> filter) => Visit(filter.Body, filter.Parameters[0]);

    /// <summary>The payload key of a record property; the same names <see cref="QdrantChunkCollection"/> writes.</summary>
    public static string PayloadKey(string propertyName) => propertyName switch
    {
        nameof(ChunkVectorRecord.Id) => QdrantPayload.ChunkId,
        nameof(ChunkVectorRecord.Path) => QdrantPayload.File,
        nameof(ChunkVectorRecord.Granularity) => QdrantPayload.Granularity,
        _ => throw new NotSupportedException($"{nameof(ChunkVectorRecord)}.{propertyName} is not stored in the Qdrant payload and cannot be filtered on."),
    };

    private static QdrantFilter Visit(Expression expression, ParameterExpression record)
    {
        switch (expression)
        {
            case BinaryExpression { NodeType: ExpressionType.AndAlso } and:
                return Visit(and.Left, record).And(Visit(and.Right, record));
            case BinaryExpression { NodeType: ExpressionType.OrElse } or:
                return QdrantFilter.AnyOf(Visit(or.Left, record), Visit(or.Right, record));
            case UnaryExpression { NodeType: ExpressionType.Not } not:
                return QdrantFilter.NoneOf(Visit(not.Operand, record));
            case BinaryExpression { NodeType: ExpressionType.Equal or ExpressionType.NotEqual } comparison:
                var condition = Comparison(comparison, record);
                return comparison.NodeType == ExpressionType.Equal ? QdrantFilter.AllOf(condition) : QdrantFilter.NoneOf(condition);
            case MethodCallExpression { Method.Name: "Contains" } call:
                return QdrantFilter.AllOf(Contains(call, record));
            default:
                throw Unsupported(expression);
        }
    }

    private static QdrantCondition Comparison(BinaryExpression comparison, ParameterExpression record)
    {
        var (field, other) = FieldOf(comparison.Left, record) is { } left
            ? (left, comparison.Right)
            : (FieldOf(comparison.Right, record) ?? throw Unsupported(comparison), comparison.Left);
        var value = Evaluate(other, record, comparison);
        return value is null ? new QdrantFieldIsNull(field) : new QdrantFieldMatch(field, [value]);
    }

    private static QdrantFieldMatch Contains(MethodCallExpression call, ParameterExpression record)
    {
        // values.Contains(r.F) is either the extension Enumerable.Contains(values, r.F) or an instance call.
        var (collection, item) = call.Object is null && call.Arguments.Count == 2
            ? (call.Arguments[0], call.Arguments[1])
            : (call.Object, call.Arguments.Count == 1 ? call.Arguments[0] : null);
        collection = collection is null ? null : WithoutSpanConversion(collection);
        if (collection is null || item is null || FieldOf(item, record) is not { } field
            || Evaluate(collection, record, call) is not IEnumerable values || values is string)
        {
            throw Unsupported(call);
        }

        var items = values.Cast<object?>().ToImmutableArray();
        if (items.Length == 0 || items.Any(value => value is null))
        {
            // Qdrant's match.any needs at least one non-null value; an empty list would have to match nothing.
            throw new NotSupportedException($"A Qdrant filter needs a non-empty list without nulls in: {call}");
        }

        return new QdrantFieldMatch(field, items.Select(value => value!).ToImmutableArray());
    }

    /// <summary>
    /// Since C# 14, <c>array.Contains(x)</c> binds to <c>MemoryExtensions.Contains</c> on an implicit span conversion
    /// of the array, which a compiled expression cannot invoke; the array underneath is what we want.
    /// </summary>
    private static Expression WithoutSpanConversion(Expression expression)
    {
        while (true)
        {
            switch (expression)
            {
                case UnaryExpression { NodeType: ExpressionType.Convert } conversion:
                    expression = conversion.Operand;
                    break;
                case MethodCallExpression { Method.Name: "op_Implicit", Arguments.Count: 1 } implicitConversion:
                    expression = implicitConversion.Arguments[0];
                    break;
                default:
                    return expression;
            }
        }
    }

    private static string? FieldOf(Expression expression, ParameterExpression record)
    {
        if (expression is UnaryExpression { NodeType: ExpressionType.Convert } conversion)
        {
            expression = conversion.Operand;
        }

        return expression is MemberExpression { Member: PropertyInfo property } member && member.Expression == record
            ? PayloadKey(property.Name)
            : null;
    }

    /// <summary>The value of a constant or captured variable; the record parameter may not appear in it.</summary>
    private static object? Evaluate(Expression expression, ParameterExpression record, Expression whole)
    {
        if (new ParameterFinder(record).Finds(expression))
        {
            throw Unsupported(whole);
        }

        return expression switch
        {
            ConstantExpression constant => constant.Value,
            MemberExpression { Expression: ConstantExpression closure, Member: FieldInfo field } => field.GetValue(closure.Value),
            _ => Expression.Lambda(expression).Compile().DynamicInvoke(),
        };
    }

    private static NotSupportedException Unsupported(Expression expression) => new(
        $"Qdrant filters support ==, !=, &&, ||, ! and list.Contains(record.Field) over {nameof(ChunkVectorRecord)} properties; cannot translate: {expression}");

    private sealed class ParameterFinder(ParameterExpression parameter) : ExpressionVisitor
    {
        private bool _found;

        public bool Finds(Expression expression)
        {
            Visit(expression);
            return _found;
        }

        protected override Expression VisitParameter(ParameterExpression node)
        {
            _found |= node == parameter;
            return node;
        }
    }
}
