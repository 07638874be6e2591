namespace JewelHub.Mappings.Evaluation;

/// <summary>One record being mapped: a CSV row, a JSON payload or a canonical record.</summary>
public interface ISourceRecord
{
    /// <summary>The value at a field or path as text; null when absent or blank.</summary>
    string? Read(string path);
}
