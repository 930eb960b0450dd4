<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE" sourcelanguage="en">
<context>
    <name>CreateKeyDialog</name>
    <message>
        <source>Apps present the key to call your services. Its secret is shown only once.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create API Key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create the key (Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Creating…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key was not created. {error}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DeliveryChoice</name>
    <message>
        <source>Copy the new key to the clipboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy to clipboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the new key to the OS keychain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save to OS keychain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved under service “{service}”, with the key's name as account.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the key once, with a button to copy it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shown once, with a button to copy it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shown once; the clipboard is cleared {seconds} s after copying.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Store the key in the system keychain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Store the key in the system keychain (keyring)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The OS keychain can't be used: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EditKeyDialog</name>
    <message>
        <source>Edit API Key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit API Key “{name}”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the changes (Ctrl+Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved the changes to “{name}”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The changes were not saved. {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{key_id} keeps its token: a change applies from the very next check, in every app.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“{name}” ({key_id}) no longer exists: it was deleted or rotated elsewhere meanwhile. Nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExpirationField</name>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n year(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Custom date…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Custom expiration date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expiration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expired on {date}; choose a new expiration to bring the key back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expires on {date}</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Expires on {date} — this registry allows at most %n day(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Keys that never expire are a risk if leaked. Prefer a date and rotate the key when it is due.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No expiration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key stops working at the start of this day (local time)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>This registry's policy allows keys to live at most %n day(s).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>This registry's policy requires every key to expire.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When the key stops working</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{refused} is in the past: a key must expire tomorrow or later. The date stays {kept}.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FormDialog</name>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close without changing anything (Esc)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not load what this form needs. {error}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>KeyDetailsDialog</name>
    <message>
        <source>API key details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API key “{name}”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action not permitted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All checks, by client</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apps presenting it are refused with “disabled” from their very next check, until you enable it again. Its token stays the same.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change the name, description, permissions, scope or expiry; the token stays the same</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close (Esc)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied {key_id}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy key ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the key ID (not a secret) to the clipboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not load the key: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delivery</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disable API key?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disable the API key “{name}”?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disabled since {date}: every check is refused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disabled “{name}”: it is refused until enabled again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enabled “{name}” again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expired: every check is refused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expires</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expires soon</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give the key a new token; the old one can keep working for a while</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>History</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last used</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last used by {client}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Let the key work again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Limits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mismatch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No checks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No client label</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No description.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No rejections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None: any number of checks, at any rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OS keychain: service “{service}”, account “{account}”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause the key: every check is refused with “disabled” until you enable it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Permissions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Policy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Project out of scope</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rate limited</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rejected, by reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revoked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rotate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rotate…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rotating. {rotating} Apps still using it are then refused with “rotated”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scope</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shown once, when it was issued (not stored)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key was not changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key's history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The old token {key_id} still works; it stops {when}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This key is disabled: apps presenting it are refused with “disabled” until you enable it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This key no longer exists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This key was deleted on {date} by {who}; apps presenting it are refused with “{reason}”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Token issued</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Usage (last %n days)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Usage and history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Usage exhausted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>api</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cli</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>on {date}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{actor} ({surface})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count} rejected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count} valid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{date} (expired)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{date} by {client}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{date} by {who}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{status} · rotating: the old token stops {when}</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>⚠ It lives longer than the policy's %n days (flagged, not changed)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>⚠ It never expires, which the policy no longer allows (flagged, not changed)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>KeyForm</name>
    <message>
        <source>&amp;Description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Expiration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A name that says where the key is used; it must be unique</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change existing resources</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create new resources</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create: create new resources</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete resources</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete: delete resources</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delivery</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invite people to projects</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invite: invite people to projects</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep current (never expires)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep current ({date})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Limit to specific projects</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No projects yet: add one with “New project…”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Off: the key works for every project. On: only for the ticked ones</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optional — e.g. deploys the web app; owned by the platform team</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optional: where the key is deployed, who owns it. Stored in clear, so never a secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Permissions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read and list resources</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read: read and list resources</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scope</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select all permissions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shown in the key list and the activity log; up to {most} characters, unique.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tick or untick every permission</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write: change existing resources</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. GitHub Actions deploy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{length}/{most}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{permission} permission</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>KeyHistoryModel</name>
    <message>
        <source>By</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>KeysPage</name>
    <message>
        <source>Disable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enable</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LimitsField</name>
    <message numerus="yes">
        <source>%Ln use(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln use(s), refilled daily</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln use(s), refilled monthly</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Accept at most this many valid checks per second, minute or hour; refuse the rest with “rate limited”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accept this many valid checks in all; then refuse them with “usage exhausted”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checks per window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give the key its uses back every day or every month (UTC)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hidden</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How many valid checks the key accepts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How many valid checks the key accepts per window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Limit the number of uses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Limit the rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Limits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None: any number of checks, at any rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Number of uses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Per second, minute or hour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rate window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refill</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving starts the count afresh at this number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show or hide the key's optional limits: a number of uses and a rate limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>daily</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>hour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>minute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>monthly</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>per</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>refilled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>second</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{left} of {limit} left now; the count goes on.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <source>%Ln key(s)</source>
        <translation>
            <numerusform>%Ln Schlüssel</numerusform>
            <numerusform>%Ln Schlüssel</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;API Keys</source>
        <translation>&amp;API-Schlüssel</translation>
    </message>
    <message>
        <source>&amp;About qkeys</source>
        <translation>Ü&amp;ber qkeys</translation>
    </message>
    <message>
        <source>&amp;Copy Key ID</source>
        <translation>Schlüssel-ID &amp;kopieren</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>&amp;Löschen…</translation>
    </message>
    <message>
        <source>&amp;Details…</source>
        <translation>De&amp;tails…</translation>
    </message>
    <message>
        <source>&amp;Disable</source>
        <translation>&amp;Deaktivieren</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Bearbeiten…</translation>
    </message>
    <message>
        <source>&amp;Enable</source>
        <translation>&amp;Aktivieren</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Find</source>
        <translation>&amp;Suchen</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;Key</source>
        <translation>&amp;Schlüssel</translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>&amp;Tastenkürzel</translation>
    </message>
    <message>
        <source>&amp;New API Key…</source>
        <translation>&amp;Neuer API-Schlüssel…</translation>
    </message>
    <message>
        <source>&amp;Projects</source>
        <translation>&amp;Projekte</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <source>&amp;Rotate…</source>
        <translation>&amp;Rotieren…</translation>
    </message>
    <message>
        <source>&amp;Scan for Leaked Keys…</source>
        <translation>Nach &amp;veröffentlichten Schlüsseln suchen…</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>A&amp;ctivity</source>
        <translation>A&amp;ktivität</translation>
    </message>
    <message>
        <source>API Keys</source>
        <translation>API-Schlüssel</translation>
    </message>
    <message>
        <source>About qkeys</source>
        <translation>Über qkeys</translation>
    </message>
    <message>
        <source>Activity</source>
        <translation>Aktivität</translation>
    </message>
    <message>
        <source>CREDENTIALS</source>
        <translation>ZUGANGSDATEN</translation>
    </message>
    <message>
        <source>Clipboard status</source>
        <translation>Status der Zwischenablage</translation>
    </message>
    <message>
        <source>Create a new API key</source>
        <translation>Einen neuen API-Schlüssel erstellen</translation>
    </message>
    <message>
        <source>Credentials</source>
        <translation>Zugangsdaten</translation>
    </message>
    <message>
        <source>Database: {target}</source>
        <translation>Datenbank: {target}</translation>
    </message>
    <message>
        <source>Each key's secret is shown once and stored only as an argon2id hash; deleting a key revokes it at once.&lt;br&gt;&lt;br&gt;Registry: {target}</source>
        <translation>Das Geheimnis jedes Schlüssels wird nur einmal angezeigt und nur als argon2id-Hash gespeichert; das Löschen eines Schlüssels widerruft ihn sofort.&lt;br&gt;&lt;br&gt;Schlüsselregister: {target}</translation>
    </message>
    <message>
        <source>Every shortcut of this window</source>
        <translation>Alle Tastenkürzel dieses Fensters</translation>
    </message>
    <message>
        <source>Find this registry's tokens in a folder (and its git history), and revoke them</source>
        <translation>Tokens dieses Schlüsselregisters in einem Ordner (und seiner Git-Historie) finden und widerrufen</translation>
    </message>
    <message>
        <source>Issue, manage and verify API keys from your desktop.</source>
        <translation>API-Schlüssel auf dem Desktop ausstellen, verwalten und prüfen.</translation>
    </message>
    <message>
        <source>Key {key_id} is not listed now (deleted, or hidden by the search).</source>
        <translation>Schlüssel {key_id} ist gerade nicht aufgeführt (gelöscht oder von der Suche ausgeblendet).</translation>
    </message>
    <message>
        <source>Preferences</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Projects</source>
        <translation>Projekte</translation>
    </message>
    <message>
        <source>Projects page</source>
        <translation>Seite „Projekte“</translation>
    </message>
    <message>
        <source>Read the registry again</source>
        <translation>Das Schlüsselregister neu einlesen</translation>
    </message>
    <message>
        <source>Search the keys, or filter the activity</source>
        <translation>Schlüssel durchsuchen oder die Aktivität filtern</translation>
    </message>
    <message>
        <source>Show {page}</source>
        <translation>{page} anzeigen</translation>
    </message>
    <message>
        <source>The registry this window shows: {target}</source>
        <translation>Das Schlüsselregister, das dieses Fenster zeigt: {target}</translation>
    </message>
    <message numerus="yes">
        <source>{shown} of %Ln key(s)</source>
        <translation>
            <numerusform>{shown} von %Ln Schlüssel</numerusform>
            <numerusform>{shown} von %Ln Schlüsseln</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ProjectPicker</name>
    <message>
        <source>A project named “{name}” already exists; tick it in the list above.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a project and limit this key to it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adding…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel (Esc)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel new project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter projects</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New project name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New project name, e.g. billing-service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New project…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No project matches “{text}”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Projects the key may be used for</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tick the projects this key may be used for</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type to narrow the list; ticked projects stay ticked (Esc clears)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RuleMessages</name>
    <message>
        <source>A chosen project was just removed elsewhere; pick the projects again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A key named {name} already exists; choose another name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A project named {name} already exists; choose another.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A rate limit is a number of at least 1 per second, minute or hour.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose at least one permission.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose at least one project, or allow the key for all projects.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter a name for the key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter a name for the project.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key names may not start with {prefix}: that prefix marks key ids; choose another name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No project named {name}; add it first (Projects page or 'qkeys projects add'), or pick an existing one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The description contains a control or invisible character; remove it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The description contains a text-direction control character; remove it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The description contains what looks like a secret token or a piece of one; it is stored in clear and kept in the audit trail, so remove it (if it is not a secret, break the long run of letters and digits with spaces or dashes).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The description is {length} characters; shorten it to {most} or fewer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The expiration is in the past; choose a later date (tomorrow or after).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The expiration is more than 10 years away; choose 'never' instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key name contains a control or invisible character; remove it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key name contains a text-direction control character; remove it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key name contains what looks like a secret token or a piece of one; it is stored in clear and kept in the audit trail, so remove it (if it is not a secret, break the long run of letters and digits with spaces or dashes).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key name is made of invisible characters only; type a visible name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key name is {length} characters; shorten it to {most} or fewer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The number of uses must be a whole number from 1 to {most}, or unlimited.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The project name contains a control or invisible character; remove it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The project name contains a text-direction control character; remove it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The project name contains what looks like a secret token or a piece of one; it is stored in clear and kept in the audit trail, so remove it (if it is not a secret, break the long run of letters and digits with spaces or dashes).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The project name is made of invisible characters only; type a visible name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The project name is {length} characters; shorten it to {most} or fewer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This registry's policy allows keys to live at most {days} days; choose an expiration on or before {date}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This registry's policy requires every key to expire within {days} days; choose an expiration date.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This registry's policy requires every key to expire; choose an expiration date.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ScanDialog</name>
    <message numerus="yes">
        <source>%n disabled</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n expired</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n key(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n live</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n not in this registry</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n revoked</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n rotated</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n rotating</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A rotation replaced this token {date}: it no longer works.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A rotation replaced this token, which works on until {date}; the key is now {key_id}. Revoke it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A token counts as its key's when its checksum holds and its key ID is the key's; whether its secret is the key's own is not checked (that would count as a use of the key).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A well-formed qkeys token of a key this registry does not have (another registry's, or a test's).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Also read every commit of every branch: a token deleted since stays in the history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apps using them lose access at once. This cannot be undone; the tokens stay where they were found until you remove them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a folder to scan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a folder, then Scan (Enter).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close (Esc)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finds this registry's tokens in a folder's files (and its git history) by their format and checksum, offline. Tokens are never shown: only where they are and whose they are.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder to scan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Include git &amp;history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Include git history</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>It was found in {places} and %n more.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>It was found in {places}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Live</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No leaked tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No qkeys token found in {scanned}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No token of any key was found here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not in this registry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not scanned: {paths}</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Not scanned: {paths}; and %n more</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing scanned yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was revoked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offered when the folder is the top of a git repository</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pick the folder to scan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revoke</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revoke leaked key(s)?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revoke the API key “{name}” ({key_id})?

{places}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revoke the live keys of the selected rows at once (Del)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Revoke these %n API keys?

{keys}</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Revoked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revoked the leaked key “{name}”; it no longer works.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revoke…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rotated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rotating</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scan for leaked keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scan stopped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scan the folder (Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scanned {scanned}: {tokens} of {keys} ({statuses}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scanning… {files} read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop scanning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop the scan; nothing found so far is kept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The folder whose files are read (its subfolders too; not .git)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key expired {date}: the token no longer works.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key is paused, but anyone may enable it again. Revoke it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key was revoked {date}: the token no longer works.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key works: anyone holding this token can use it. Revoke it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The scan failed: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tokens found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{files} and {commits}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{files}, {commits}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{scanned} ({binary})</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ScanResultsModel</name>
    <message>
        <source>Added by commit {commit} to {path}, line {line}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UsageChart</name>
    <message>
        <source>No verifications in the last 30 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No verifications in the last 30 days.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Valid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verifications per day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{day}: {valid} valid, {rejected} rejected</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
