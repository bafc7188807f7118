using System.Collections;
using Antlr4.Runtime;
using Antlr4.Runtime.Tree;

namespace Hdl.Syntax.Parsing;

/// <summary>
/// The base of every generated parse-tree node (the grammars' <c>contextSuperClass</c>): children go into a
/// <see cref="ChildList"/> instead of ANTLR's <see cref="List{T}"/>.
/// </summary>
/// <remarks>
/// A parse makes about 1.75 nodes per token and 78% of them have exactly one child (a chain such as
/// expression → primary → identifier), 7% two. <see cref="List{T}"/> costs a list object and a four-slot array for
/// each (80 bytes, and the parse trees outlive the first garbage collections, so every byte is also copied);
/// <see cref="ChildList"/> keeps the first two children in fields and costs 40 bytes.
/// </remarks>
internal abstract class CompactRuleContext : ParserRuleContext
{
    protected CompactRuleContext()
    {
    }

    protected CompactRuleContext(ParserRuleContext parent, int invokingStateNumber)
        : base(parent, invokingStateNumber)
    {
    }

    public override void AddChild(ITerminalNode t) => Append(t);

    public override void AddChild(RuleContext ruleInvocation) => Append(ruleInvocation);

    private void Append(IParseTree child)
    {
        if (children is null)
        {
            children = new ChildList(child);
        }
        else
        {
            children.Add(child);
        }
    }
}

/// <summary>A parse-tree node's children: the first two in fields, the rest in an array that grows.</summary>
internal sealed class ChildList : IList<IParseTree>
{
    private IParseTree _first;
    private IParseTree? _second;
    private IParseTree[]? _rest;
    private int _count;

    public ChildList(IParseTree first)
    {
        _first = first;
        _count = 1;
    }

    public int Count => _count;

    public bool IsReadOnly => false;

    public IParseTree this[int index]
    {
        get
        {
            if ((uint)index >= (uint)_count)
            {
                throw new ArgumentOutOfRangeException(nameof(index));
            }

            return index switch
            {
                0 => _first,
                1 => _second!,
                _ => _rest![index - 2],
            };
        }

        set
        {
            if ((uint)index >= (uint)_count)
            {
                throw new ArgumentOutOfRangeException(nameof(index));
            }

            switch (index)
            {
                case 0:
                    _first = value;
                    break;
                case 1:
                    _second = value;
                    break;
                default:
                    _rest![index - 2] = value;
                    break;
            }
        }
    }

    public void Add(IParseTree item)
    {
        switch (_count)
        {
            case 0:
                _first = item;
                break;
            case 1:
                _second = item;
                break;
            default:
                var restIndex = _count - 2;
                if (_rest is null)
                {
                    _rest = new IParseTree[2];
                }
                else if (restIndex == _rest.Length)
                {
                    Array.Resize(ref _rest, _rest.Length * 2);
                }

                _rest[restIndex] = item;
                break;
        }

        _count++;
    }

    /// <summary>ANTLR removes only the last child (a rule context replaced on entering a labelled alternative).</summary>
    public void RemoveAt(int index)
    {
        if ((uint)index >= (uint)_count)
        {
            throw new ArgumentOutOfRangeException(nameof(index));
        }

        for (var i = index; i < _count - 1; i++)
        {
            this[i] = this[i + 1];
        }

        this[_count - 1] = null!;
        _count--;
    }

    public void Insert(int index, IParseTree item)
    {
        if ((uint)index > (uint)_count)
        {
            throw new ArgumentOutOfRangeException(nameof(index));
        }

        Add(item);
        for (var i = _count - 1; i > index; i--)
        {
            this[i] = this[i - 1];
        }

        this[index] = item;
    }

    public int IndexOf(IParseTree item)
    {
        for (var i = 0; i < _count; i++)
        {
            if (ReferenceEquals(this[i], item))
            {
                return i;
            }
        }

        return -1;
    }

    public bool Contains(IParseTree item) => IndexOf(item) >= 0;

    public bool Remove(IParseTree item)
    {
        var index = IndexOf(item);
        if (index < 0)
        {
            return false;
        }

        RemoveAt(index);
        return true;
    }

    public void Clear()
    {
        _first = null!;
        _second = null;
        _rest = null;
        _count = 0;
    }

    public void CopyTo(IParseTree[] array, int arrayIndex)
    {
        for (var i = 0; i < _count; i++)
        {
            array[arrayIndex + i] = this[i];
        }
    }

    public IEnumerator<IParseTree> GetEnumerator()
    {
        for (var i = 0; i < _count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
