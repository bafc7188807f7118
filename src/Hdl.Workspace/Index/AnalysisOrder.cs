namespace Hdl.Workspace.Index;

/// <summary>Searches in lists kept in analysis order (files, units), as the patches of a snapshot walk them.</summary>
internal static class AnalysisOrder
{
    /// <summary>The index of the first item whose order is at or after <paramref name="order"/>, searching from <paramref name="from"/>.</summary>
    public static int FirstAtOrAfter<T>(ReadOnlySpan<T> items, Func<T, int> orderOf, int order, int from)
    {
        int low = from, high = items.Length;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (orderOf(items[middle]) < order)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }
}
