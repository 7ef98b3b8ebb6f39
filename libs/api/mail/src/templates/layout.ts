/**
 * The branded frame every mail shares. Inline styles only (mail clients drop <style> blocks) and a
 * plain-text twin for clients that do not render HTML. `{{{body}}}` is the template's own HTML.
 */
export const HTML_LAYOUT = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>{{subject}}</title></head>
<body style="margin:0;padding:0;background:#0b1016;font-family:Roboto,Segoe UI,Helvetica,Arial,sans-serif;color:#e4eaf0;">
  <table role="presentation" width="100%" cellspacing="0" cellpadding="0" style="background:#0b1016;padding:32px 12px;">
    <tr><td align="center">
      <table role="presentation" width="100%" cellspacing="0" cellpadding="0" style="max-width:560px;background:#10161e;border:1px solid #243040;border-radius:16px;">
        <tr><td style="padding:28px 32px 0;font-size:22px;font-weight:700;letter-spacing:-0.02em;color:#e4eaf0;">
          <span style="color:#3ef0a0;">&#9678;</span> Hunt<span style="color:#3ef0a0;">kit</span>
        </td></tr>
        <tr><td style="padding:20px 32px 32px;font-size:15px;line-height:1.6;color:#c9d4df;">{{{body}}}</td></tr>
      </table>
      <p style="max-width:560px;margin:20px auto 0;font-size:12px;line-height:1.5;color:#7d8b9b;">
        {{#if unsubscribe}}You receive this mail because “{{unsubscribe.label}}” notifications are on for your Huntkit account ({{to}}).
        <a href="{{unsubscribe.pageUrl}}" style="color:#a3b0bf;">Unsubscribe</a> · <a href="{{unsubscribe.settingsUrl}}" style="color:#a3b0bf;">Manage notifications</a>{{else}}You receive this mail because of activity on your Huntkit account ({{to}}).{{/if}}<br>{{copyright}}
      </p>
    </td></tr>
  </table>
</body>
</html>`;

export const TEXT_LAYOUT = `{{{body}}}

--
Huntkit · mail about your account ({{to}})
{{#if unsubscribe}}Unsubscribe from “{{unsubscribe.label}}”: {{unsubscribe.pageUrl}}
{{/if}}{{copyright}}
`;

/** A call-to-action button that survives mail clients; the URL is also printed for copy and paste. */
export const BUTTON_PARTIAL = `<p style="margin:28px 0;"><a href="{{url}}" style="display:inline-block;padding:12px 22px;border-radius:999px;background:#3ef0a0;color:#05210f;font-weight:600;text-decoration:none;">{{label}}</a></p>
<p style="font-size:13px;color:#7d8b9b;">Or paste this link into your browser:<br><span style="word-break:break-all;color:#a3b0bf;">{{url}}</span></p>`;
