namespace FunnelDashboard.Web.SimilarUsers;

/// <summary>Idle: no run in this process and no model. Ready: a model is served. Failed: the last run did not give one.</summary>
public enum SimilarUsersState { Idle, Training, Ready, Failed }

/// <summary>What the similar-users model is doing, for the API's 503 answers, the page and the job runner.</summary>
/// <param name="Progress">Share of the current run done, 0 to 1 (1 when not training).</param>
/// <param name="Epoch">The last finished epoch of the current run's phase and its epochs and loss; null outside training.</param>
public sealed record SimilarUsersStatus(SimilarUsersState State, string? Message, double Progress,
    int? Epoch = null, int? Epochs = null, float? Loss = null);
