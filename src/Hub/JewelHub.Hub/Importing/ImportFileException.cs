namespace JewelHub.Hub.Importing;

/// <summary>A file that cannot be imported at all (unknown map, missing columns, wrong entity); nothing was written.</summary>
public sealed class ImportFileException(string message) : Exception(message);
