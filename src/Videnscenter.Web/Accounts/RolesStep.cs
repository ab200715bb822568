using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Videnscenter.Content.Recipes;

namespace Videnscenter.Web.Accounts;

/// <summary>"roles": creates the roles named in the recipe if they are missing.</summary>
public sealed class RolesStep(RoleManager<IdentityRole> roles) : IRecipeStep
{
    public string Name => "roles";

    public async Task ExecuteAsync(JsonElement step, RecipeContext context, CancellationToken ct)
    {
        foreach (var role in step.GetProperty("roles").EnumerateArray())
        {
            var name = role.GetProperty("name").GetString();
            if (string.IsNullOrWhiteSpace(name) || await roles.RoleExistsAsync(name)) continue;
            var result = await roles.CreateAsync(new IdentityRole(name));
            if (result.Succeeded) context.Changes.Add($"rolle {name}");
            else context.Problems.Add(new RecipeProblem("roles", null, $"Rollen «{name}» kunne ikke oprettes: {string.Join(" ", result.Errors.Select(e => e.Description))}"));
        }
    }
}
