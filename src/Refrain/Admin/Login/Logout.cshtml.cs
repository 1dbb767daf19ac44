using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Refrain.Admin.Login;

/// <summary>Ends the cookie session (POST only, with the antiforgery token, so a link elsewhere cannot log anyone out).</summary>
internal sealed class LogoutModel : PageModel
{
    public IActionResult OnGet() => Redirect("/admin");

    public async Task<IActionResult> OnPostAsync()
    {
        await HttpContext.SignOutAsync(AdminSession.Scheme);
        return Redirect("/admin/login");
    }
}
