using Microsoft.Extensions.Logging;

namespace JewelHub.Workflows.Runtime;

/// <summary>Log messages of the workflow runtime (event ids 3000-3099).</summary>
internal static partial class WorkflowsLog
{
    [LoggerMessage(3000, LogLevel.Information, "Workflow definition {DefinitionId} version {Version} loaded from {Origin}")]
    public static partial void DefinitionLoaded(ILogger logger, string definitionId, int version, string origin);

    [LoggerMessage(3001, LogLevel.Warning, "Activity {ActivityId} of workflow instance {WorkflowInstanceId} faulted: incident {IncidentId}")]
    public static partial void ActivityFaulted(ILogger logger, Exception exception, string workflowInstanceId, string activityId, string incidentId);

    [LoggerMessage(3002, LogLevel.Information, "Workflow instance {WorkflowInstanceId} lost its lease; another runner continues it")]
    public static partial void LeaseLost(ILogger logger, string workflowInstanceId);

    [LoggerMessage(3003, LogLevel.Error, "The workflow {Loop} loop failed; it retries on its next tick")]
    public static partial void LoopFailed(ILogger logger, Exception exception, string loop);

    [LoggerMessage(3004, LogLevel.Information, "{Text}")]
    public static partial void WriteLine(ILogger logger, string text);

    [LoggerMessage(3006, LogLevel.Debug, "Workflow instance {WorkflowInstanceId} runs step by step after its one-transaction run stopped: {Reason}")]
    public static partial void RunsStepByStep(ILogger logger, string workflowInstanceId, string reason);

    [LoggerMessage(3005, LogLevel.Error, "Workflow instance {WorkflowInstanceId} run failed; the recovery loop takes it over when its lease expires")]
    public static partial void RunFailed(ILogger logger, Exception exception, string workflowInstanceId);
}
