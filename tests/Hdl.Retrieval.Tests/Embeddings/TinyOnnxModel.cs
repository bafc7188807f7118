using System.Runtime.InteropServices;
using System.Text;

namespace Hdl.Retrieval.Tests.Embeddings;

/// <summary>
/// Writes a minimal BERT-shaped ONNX model in protobuf, field by field from onnx.proto, so the ONNX provider is tested
/// end to end without model weights (none can be downloaded here). The "encoder" is a lookup:
/// <c>last_hidden_state = Gather(word_table, input_ids) [+ Gather(type_table, token_type_ids)]</c>, with inputs
/// <c>input_ids</c>, <c>attention_mask</c> (declared, unused, as a real model's mask is consumed inside attention)
/// and optionally <c>token_type_ids</c>. Shapes are [batch, tokens] → [batch, tokens, dim] with symbolic batch and tokens.
/// </summary>
internal static class TinyOnnxModel
{
    private const int FloatType = 1;
    private const int Int64Type = 7;

    /// <param name="wordTable">One row per vocabulary id.</param>
    /// <param name="typeTable">Rows per token type; null for a model without token_type_ids.</param>
    /// <param name="inputIdsName">Lets a test build a model whose input is not named as BERT names it.</param>
    public static byte[] Build(float[][] wordTable, float[][]? typeTable, string inputIdsName = "input_ids")
    {
        var graph = new Proto();
        var wordOutput = typeTable is null ? "last_hidden_state" : "word_vectors";
        graph.Message(1, Node("Gather", ["word_table", inputIdsName], [wordOutput]));
        if (typeTable is not null)
        {
            graph.Message(1, Node("Gather", ["type_table", "token_type_ids"], ["type_vectors"]));
            graph.Message(1, Node("Add", ["word_vectors", "type_vectors"], ["last_hidden_state"]));
        }

        graph.String(2, "tiny_bert");
        graph.Message(5, Table("word_table", wordTable));
        if (typeTable is not null)
        {
            graph.Message(5, Table("type_table", typeTable));
        }

        graph.Message(11, Value(inputIdsName, Int64Type, "batch", "tokens"));
        graph.Message(11, Value("attention_mask", Int64Type, "batch", "tokens"));
        if (typeTable is not null)
        {
            graph.Message(11, Value("token_type_ids", Int64Type, "batch", "tokens"));
        }

        graph.Message(12, Value("last_hidden_state", FloatType, "batch", "tokens", wordTable[0].Length));

        var opset = new Proto();
        opset.String(1, string.Empty);
        opset.Varint(2, 13);
        var model = new Proto();
        model.Varint(1, 8);
        model.String(2, "hdl-tests");
        model.Message(7, graph);
        model.Message(8, opset);
        return model.ToArray();
    }

    private static Proto Node(string operation, string[] inputs, string[] outputs)
    {
        var node = new Proto();
        foreach (var input in inputs)
        {
            node.String(1, input);
        }

        foreach (var output in outputs)
        {
            node.String(2, output);
        }

        node.String(3, operation + "_" + outputs[0]);
        node.String(4, operation);
        return node;
    }

    private static Proto Table(string name, float[][] rows)
    {
        var tensor = new Proto();
        tensor.Varint(1, rows.Length);
        tensor.Varint(1, rows[0].Length);
        tensor.Varint(2, FloatType);
        tensor.String(8, name);
        tensor.Bytes(9, MemoryMarshal.AsBytes(rows.SelectMany(row => row).ToArray().AsSpan()).ToArray());
        return tensor;
    }

    /// <summary>A ValueInfoProto: name and tensor type; string dimensions are symbolic, integers fixed.</summary>
    private static Proto Value(string name, int elementType, params object[] dimensions)
    {
        var shape = new Proto();
        foreach (var dimension in dimensions)
        {
            var dim = new Proto();
            if (dimension is string symbol)
            {
                dim.String(2, symbol);
            }
            else
            {
                dim.Varint(1, (int)dimension);
            }

            shape.Message(1, dim);
        }

        var tensorType = new Proto();
        tensorType.Varint(1, elementType);
        tensorType.Message(2, shape);
        var type = new Proto();
        type.Message(1, tensorType);
        var value = new Proto();
        value.String(1, name);
        value.Message(2, type);
        return value;
    }

    /// <summary>Just enough of the protobuf wire format: varints (wire type 0) and length-delimited fields (type 2).</summary>
    private sealed class Proto
    {
        private readonly List<byte> _bytes = [];

        public void Varint(int field, long value)
        {
            WriteVarint(((ulong)field << 3) | 0);
            WriteVarint((ulong)value);
        }

        public void String(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

        public void Message(int field, Proto message) => Bytes(field, message.ToArray());

        public void Bytes(int field, byte[] value)
        {
            WriteVarint(((ulong)field << 3) | 2);
            WriteVarint((ulong)value.Length);
            _bytes.AddRange(value);
        }

        public byte[] ToArray() => _bytes.ToArray();

        private void WriteVarint(ulong value)
        {
            while (value >= 0x80)
            {
                _bytes.Add((byte)(value | 0x80));
                value >>= 7;
            }

            _bytes.Add((byte)value);
        }
    }
}
