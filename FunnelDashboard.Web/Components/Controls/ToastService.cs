namespace FunnelDashboard.Web.Components.Controls;

/// <summary>The short notices of one circuit; <see cref="Toast"/> in the layout shows them.</summary>
public sealed class ToastService
{
    public sealed record Message(Guid Id, string Text, ToastLevel Level);

    readonly List<Message> messages = [];

    public IReadOnlyList<Message> Messages => messages;

    public event Action? Changed;

    public void Show(string text, ToastLevel level = ToastLevel.Info)
    {
        messages.Add(new(Guid.NewGuid(), text, level));
        Changed?.Invoke();
    }

    public void Dismiss(Guid id)
    {
        if (messages.RemoveAll(m => m.Id == id) > 0) Changed?.Invoke();
    }
}
