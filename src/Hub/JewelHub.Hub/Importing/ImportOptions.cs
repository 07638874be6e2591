using System.ComponentModel.DataAnnotations;

namespace JewelHub.Hub.Importing;

/// <summary>Where uploaded import files are kept and how they are batched.</summary>
public sealed class ImportOptions
{
    public const string Section = "Imports";

    /// <summary>Folder for files uploaded through the API (kept so a job can resume). Default "data/imports".</summary>
    [Required]
    public string UploadFolder { get; set; } = "data/imports";

    /// <summary>Rows per batch (one transaction each) for API imports. Default 5000.</summary>
    [Range(1, 10000)]
    public int BatchSize { get; set; } = 5000;
}
