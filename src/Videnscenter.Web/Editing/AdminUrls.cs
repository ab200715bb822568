using Videnscenter.Content.Definitions;
using Videnscenter.Content.Items;

namespace Videnscenter.Web.Editing;

/// <summary>Addresses of the admin pages; a type is named by its section, as on the public site.</summary>
public static class AdminUrls
{
    public const string Dashboard = "/admin";

    public static string List(ContentTypeDefinition type) => $"/admin/indhold/{type.Section}";

    public static string New(ContentTypeDefinition type) => $"/admin/indhold/{type.Section}/ny";

    public static string Edit(ContentTypeDefinition type, Guid id) => $"/admin/indhold/{type.Section}/{id}";

    public static string Edit(ContentSchema schema, ContentItem item) =>
        schema.Type(item.Type) is { } type ? Edit(type, item.Id) : Dashboard;

    public static string History(ContentTypeDefinition type, Guid id, int? version = null) =>
        $"/admin/indhold/{type.Section}/{id}/historik" + (version is { } v ? $"?version={v}" : "");

    public static string Preview(ContentTypeDefinition type, Guid id, int? version = null) =>
        $"/admin/indhold/{type.Section}/{id}/forhaandsvisning" + (version is { } v ? $"?version={v}" : "");

    /// <summary>The participant list of a course or an event that takes sign-ups (Recoveryskolen's admin page); null for others.</summary>
    public static string? Participants(ContentTypeDefinition type, ContentItem item) =>
        type.Name == item.Type ? Recoveryskolen.RegistrableItem.Of(item)?.ParticipantsUrl : null;

    /// <summary>Finds a type by its section («metoder») or its name («Method»).</summary>
    public static ContentTypeDefinition? TypeOf(ContentSchema schema, string segment) =>
        schema.BySection(segment) ?? schema.Type(segment);
}
