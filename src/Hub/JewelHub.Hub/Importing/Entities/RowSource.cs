namespace JewelHub.Hub.Importing.Entities;

/// <summary>
/// What a row says beyond its mapped record: its unread columns as a JSON object (null: none), and its key as the old
/// system printed it, before any converter (null when the entity has no printed key or the map builds it from several columns).
/// </summary>
public readonly record struct RowSource(string? Attributes, string? PrintedKey);
