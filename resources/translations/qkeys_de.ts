<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE" sourcelanguage="en">
<context>
    <name>ActivityPage</name>
    <message numerus="yes">
        <source>%n event(s)</source>
        <translation>
            <numerusform>%n Ereignis</numerusform>
            <numerusform>%n Ereignisse</numerusform>
        </translation>
    </message>
    <message>
        <source>Activity</source>
        <translation>Aktivität</translation>
    </message>
    <message>
        <source>Clear Filter</source>
        <translation>Filter leeren</translation>
    </message>
    <message>
        <source>Could not load the activity log: {error}</source>
        <translation>Das Aktivitätsprotokoll konnte nicht geladen werden: {error}</translation>
    </message>
    <message>
        <source>Creating, editing, disabling, rotating or deleting a key, adding, renaming or removing a project, and changing the lifetime policy are recorded here, with who did it — including changes made from the command line.</source>
        <translation>Hier wird festgehalten, wer einen Schlüssel erstellt, bearbeitet, deaktiviert, rotiert oder löscht, ein Projekt hinzufügt, umbenennt oder entfernt oder die Richtlinie zur Lebensdauer ändert – auch Änderungen über die Kommandozeile.</translation>
    </message>
    <message>
        <source>Every change to keys, projects and the policy, newest first, with who made it and from where. Entries stay after a key is deleted, so you can tell what happened and when.</source>
        <translation>Jede Änderung an Schlüsseln, Projekten und der Richtlinie, neueste zuerst, mit Urheber und Herkunft. Einträge bleiben nach dem Löschen eines Schlüssels erhalten, damit nachvollziehbar ist, was wann geschah.</translation>
    </message>
    <message>
        <source>Filter activity</source>
        <translation>Aktivität filtern</translation>
    </message>
    <message>
        <source>Filter by event, name, key ID, who or details</source>
        <translation>Nach Ereignis, Name, Schlüssel-ID, Urheber oder Details filtern</translation>
    </message>
    <message>
        <source>No activity yet</source>
        <translation>Noch keine Aktivität</translation>
    </message>
    <message>
        <source>No matching events</source>
        <translation>Keine passenden Ereignisse</translation>
    </message>
    <message>
        <source>Nothing in the log contains “{text}”.</source>
        <translation>Kein Eintrag im Protokoll enthält „{text}“.</translation>
    </message>
    <message>
        <source>Show every event again</source>
        <translation>Wieder alle Ereignisse anzeigen</translation>
    </message>
    <message>
        <source>Shows only events containing this text, in any column (Ctrl+F; Esc clears it)</source>
        <translation>Zeigt nur Ereignisse, die diesen Text in einer beliebigen Spalte enthalten (Strg+F; Esc leert das Feld)</translation>
    </message>
    <message numerus="yes">
        <source>{shown} of %n event(s)</source>
        <translation>
            <numerusform>{shown} von %n Ereignis</numerusform>
            <numerusform>{shown} von %n Ereignissen</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CreateKeyDialog</name>
    <message>
        <source>Apps present the key to call your services. Its secret is shown only once.</source>
        <translation>Apps legen den Schlüssel vor, um Ihre Dienste aufzurufen. Sein Geheimnis wird nur einmal angezeigt.</translation>
    </message>
    <message>
        <source>Create API Key</source>
        <translation>API-Schlüssel erstellen</translation>
    </message>
    <message>
        <source>Create key</source>
        <translation>Schlüssel erstellen</translation>
    </message>
    <message>
        <source>Create the key (Enter)</source>
        <translation>Den Schlüssel erstellen (Eingabetaste)</translation>
    </message>
    <message>
        <source>Creating…</source>
        <translation>Wird erstellt…</translation>
    </message>
    <message>
        <source>The key was not created. {error}</source>
        <translation>Der Schlüssel wurde nicht erstellt. {error}</translation>
    </message>
</context>
<context>
    <name>DatabaseSection</name>
    <message>
        <source>A file path, or postgresql://USER@HOST:PORT/DBNAME for a team.</source>
        <translation>Ein Dateipfad oder postgresql://BENUTZER@HOST:PORT/DBNAME für ein Team.</translation>
    </message>
    <message>
        <source>A new registry is used the next time qkeys starts.</source>
        <translation>Ein neues Schlüsselregister wird beim nächsten Start von qkeys verwendet.</translation>
    </message>
    <message>
        <source>Checking {registry} before saving…</source>
        <translation>{registry} wird vor dem Speichern geprüft…</translation>
    </message>
    <message numerus="yes">
        <source>Connected to {engine}: a qkeys registry with %n key(s).</source>
        <translation>
            <numerusform>Verbunden mit {engine}: ein qkeys-Schlüsselregister mit %n Schlüssel.</numerusform>
            <numerusform>Verbunden mit {engine}: ein qkeys-Schlüsselregister mit %n Schlüsseln.</numerusform>
        </translation>
    </message>
    <message>
        <source>Connected to {engine}: an empty database, qkeys will create its tables.</source>
        <translation>Verbunden mit {engine}: eine leere Datenbank, qkeys legt die Tabellen an.</translation>
    </message>
    <message>
        <source>Connecting to {registry}…</source>
        <translation>Verbindung zu {registry} wird hergestellt…</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>Datenbank</translation>
    </message>
    <message>
        <source>Database password</source>
        <translation>Datenbankpasswort</translation>
    </message>
    <message>
        <source>Default: {path}</source>
        <translation>Standard: {path}</translation>
    </message>
    <message>
        <source>If you save it anyway, qkeys will not be able to open its registry the next time it starts, and will offer to open Settings or the default registry then.</source>
        <translation>Wenn Sie es trotzdem speichern, kann qkeys sein Schlüsselregister beim nächsten Start nicht öffnen und bietet dann an, die Einstellungen oder das Standard-Schlüsselregister zu öffnen.</translation>
    </message>
    <message>
        <source>No database at {path} yet: qkeys will create it there.</source>
        <translation>Unter {path} gibt es noch keine Datenbank: qkeys legt sie dort an.</translation>
    </message>
    <message>
        <source>Password not saved</source>
        <translation>Passwort nicht gespeichert</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>Passwort:</translation>
    </message>
    <message>
        <source>PostgreSQL only; or use PGPASSWORD / ~/.pgpass</source>
        <translation>Nur PostgreSQL; oder PGPASSWORD, ~/.pgpass</translation>
    </message>
    <message>
        <source>Registry path or URL</source>
        <translation>Pfad oder URL des Schlüsselregisters</translation>
    </message>
    <message>
        <source>Registry:</source>
        <translation>Schlüsselregister:</translation>
    </message>
    <message>
        <source>Remember in the OS keychain</source>
        <translation>Im Schlüsselbund des Systems merken</translation>
    </message>
    <message>
        <source>Save a registry that cannot be opened?</source>
        <translation>Ein Schlüsselregister speichern, das sich nicht öffnen lässt?</translation>
    </message>
    <message>
        <source>Save anyway</source>
        <translation>Trotzdem speichern</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>Verbindung testen</translation>
    </message>
    <message>
        <source>The database password could not be saved in the OS keychain: {error} Use PGPASSWORD or ~/.pgpass.</source>
        <translation>Das Datenbankpasswort konnte nicht im Schlüsselbund des Systems gespeichert werden: {error} Verwenden Sie PGPASSWORD oder ~/.pgpass.</translation>
    </message>
    <message>
        <source>The password was moved out of the URL so it is not saved in clear.</source>
        <translation>Das Passwort wurde aus der URL entfernt, damit es nicht im Klartext gespeichert wird.</translation>
    </message>
    <message>
        <source>qkeys could not open this registry: {reason}</source>
        <translation>qkeys konnte dieses Schlüsselregister nicht öffnen: {reason}</translation>
    </message>
    <message>
        <source>qkeys could not open {registry}.

{reason}</source>
        <translation>qkeys konnte {registry} nicht öffnen.

{reason}</translation>
    </message>
    <message>
        <source>qkeys could not open {registry}: {reason}</source>
        <translation>qkeys konnte {registry} nicht öffnen: {reason}</translation>
    </message>
    <message>
        <source>qkeys opens the registry you save here.</source>
        <translation>qkeys öffnet das Schlüsselregister, das Sie hier speichern.</translation>
    </message>
</context>
<context>
    <name>Delivery</name>
    <message>
        <source>Could not clean up the OS keychain: {reason}</source>
        <translation>Der Schlüsselbund konnte nicht aufgeräumt werden: {reason}</translation>
    </message>
    <message>
        <source>Could not note that the key left the OS keychain: {reason}</source>
        <translation>Dass der Schlüssel nicht mehr im Schlüsselbund liegt, konnte nicht vermerkt werden: {reason}</translation>
    </message>
    <message>
        <source>Could not remove from the OS keychain {failures}</source>
        <translation>Aus dem Schlüsselbund konnte nicht entfernt werden: {failures}</translation>
    </message>
    <message>
        <source>Could not save to the OS keychain: {reason} The key is shown below instead.</source>
        <translation>Speichern im Schlüsselbund fehlgeschlagen: {reason} Der Schlüssel wird stattdessen unten angezeigt.</translation>
    </message>
    <message numerus="yes">
        <source>Removed %n key(s) from the OS keychain.</source>
        <translation>
            <numerusform>%n Schlüssel aus dem Schlüsselbund entfernt.</numerusform>
            <numerusform>%n Schlüssel aus dem Schlüsselbund entfernt.</numerusform>
        </translation>
    </message>
    <message>
        <source>qkeys could not note this on the key ({reason}); when you delete the key, remove the keychain entry yourself.</source>
        <translation>qkeys konnte das nicht am Schlüssel vermerken ({reason}); entfernen Sie den Eintrag im Schlüsselbund selbst, wenn Sie den Schlüssel löschen.</translation>
    </message>
</context>
<context>
    <name>DeliveryChoice</name>
    <message>
        <source>Copy the new key to the clipboard</source>
        <translation>Den neuen Schlüssel in die Zwischenablage kopieren</translation>
    </message>
    <message>
        <source>Copy to clipboard</source>
        <translation>In die Zwischenablage kopieren</translation>
    </message>
    <message>
        <source>Save the new key to the OS keychain</source>
        <translation>Den neuen Schlüssel im Schlüsselbund des Systems speichern</translation>
    </message>
    <message>
        <source>Save to OS keychain</source>
        <translation>Im Schlüsselbund speichern</translation>
    </message>
    <message>
        <source>Saved under service “{service}”, with the key's name as account.</source>
        <translation>Wird unter dem Dienst „{service}“ gespeichert, mit dem Namen des Schlüssels als Konto.</translation>
    </message>
    <message>
        <source>Show the key once, with a button to copy it</source>
        <translation>Den Schlüssel einmal anzeigen, mit einer Schaltfläche zum Kopieren</translation>
    </message>
    <message>
        <source>Shown once, with a button to copy it.</source>
        <translation>Wird einmal angezeigt, mit einer Schaltfläche zum Kopieren.</translation>
    </message>
    <message>
        <source>Shown once; the clipboard is cleared {seconds} s after copying.</source>
        <translation>Wird einmal angezeigt; die Zwischenablage wird {seconds} s nach dem Kopieren geleert.</translation>
    </message>
    <message>
        <source>Store the key in the system keychain</source>
        <translation>Den Schlüssel im Schlüsselbund des Systems ablegen</translation>
    </message>
    <message>
        <source>Store the key in the system keychain (keyring)</source>
        <translation>Den Schlüssel im Schlüsselbund des Systems ablegen (keyring)</translation>
    </message>
    <message>
        <source>The OS keychain can't be used: {reason}</source>
        <translation>Der Schlüsselbund des Systems ist nicht nutzbar: {reason}</translation>
    </message>
</context>
<context>
    <name>EditKeyDialog</name>
    <message>
        <source>Edit API Key</source>
        <translation>API-Schlüssel bearbeiten</translation>
    </message>
    <message>
        <source>Edit API Key “{name}”</source>
        <translation>API-Schlüssel „{name}“ bearbeiten</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <source>Save the changes (Ctrl+Enter)</source>
        <translation>Die Änderungen speichern (Strg+Eingabetaste)</translation>
    </message>
    <message>
        <source>Saved the changes to “{name}”.</source>
        <translation>Änderungen an „{name}“ gespeichert.</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Wird gespeichert…</translation>
    </message>
    <message>
        <source>The changes were not saved. {error}</source>
        <translation>Die Änderungen wurden nicht gespeichert. {error}</translation>
    </message>
    <message>
        <source>{key_id} keeps its token: a change applies from the very next check, in every app.</source>
        <translation>{key_id} behält seinen Token: Eine Änderung gilt ab der nächsten Prüfung, in jeder App.</translation>
    </message>
</context>
<context>
    <name>EventDetails</name>
    <message numerus="yes">
        <source>%Ln use(s)</source>
        <translation>
            <numerusform>%Ln Nutzung</numerusform>
            <numerusform>%Ln Nutzungen</numerusform>
        </translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(keine)</translation>
    </message>
    <message>
        <source>all projects</source>
        <translation>alle Projekte</translation>
    </message>
    <message>
        <source>apps passing {name} are now refused</source>
        <translation>Apps, die {name} übergeben, werden jetzt abgewiesen</translation>
    </message>
    <message>
        <source>at most {rate}</source>
        <translation>höchstens {rate}</translation>
    </message>
    <message>
        <source>description: {old} → {new}</source>
        <translation>Beschreibung: {old} → {new}</translation>
    </message>
    <message>
        <source>every key must expire</source>
        <translation>jeder Schlüssel muss ablaufen</translation>
    </message>
    <message>
        <source>expires {expiry}</source>
        <translation>Ablauf: {expiry}</translation>
    </message>
    <message>
        <source>expires: {old} → {new}</source>
        <translation>Ablauf: {old} → {new}</translation>
    </message>
    <message>
        <source>found in {places}</source>
        <translation>gefunden in {places}</translation>
    </message>
    <message numerus="yes">
        <source>found in {places} and %n more</source>
        <translation>
            <numerusform>gefunden in {places} und %n weiterer Stelle</numerusform>
            <numerusform>gefunden in {places} und %n weiteren Stellen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>keys live at most %n day(s)</source>
        <translation>
            <numerusform>Schlüssel leben höchstens %n Tag</numerusform>
            <numerusform>Schlüssel leben höchstens %n Tage</numerusform>
        </translation>
    </message>
    <message>
        <source>keys may never expire</source>
        <translation>Schlüssel dürfen unbegrenzt gelten</translation>
    </message>
    <message>
        <source>name: {old} → {new}</source>
        <translation>Name: {old} → {new}</translation>
    </message>
    <message numerus="yes">
        <source>narrowed %n key(s)</source>
        <translation>
            <numerusform>%n Schlüssel eingeschränkt</numerusform>
            <numerusform>%n Schlüssel eingeschränkt</numerusform>
        </translation>
    </message>
    <message>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <source>no maximum lifetime</source>
        <translation>keine maximale Lebensdauer</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keins</translation>
    </message>
    <message>
        <source>permissions: {old} → {new}</source>
        <translation>Berechtigungen: {old} → {new}</translation>
    </message>
    <message>
        <source>rate limit: {old} → {new}</source>
        <translation>Ratenlimit: {old} → {new}</translation>
    </message>
    <message>
        <source>replaces {key_id}, which keeps working until {date}</source>
        <translation>ersetzt {key_id}; der alte Token funktioniert bis {date}</translation>
    </message>
    <message>
        <source>replaces {key_id}, which stopped working at once</source>
        <translation>ersetzt {key_id}; der alte Token hörte sofort auf zu funktionieren</translation>
    </message>
    <message>
        <source>revoked</source>
        <translation>widerrufen</translation>
    </message>
    <message>
        <source>revoked {names}</source>
        <translation>widerrufen: {names}</translation>
    </message>
    <message>
        <source>revoked: {reason}</source>
        <translation>widerrufen: {reason}</translation>
    </message>
    <message>
        <source>scope: {old} → {new}</source>
        <translation>Geltungsbereich: {old} → {new}</translation>
    </message>
    <message>
        <source>unlimited</source>
        <translation>unbegrenzt</translation>
    </message>
    <message>
        <source>uses: {old} → {new}</source>
        <translation>Nutzungen: {old} → {new}</translation>
    </message>
    <message>
        <source>was {name}</source>
        <translation>vorher {name}</translation>
    </message>
    <message>
        <source>{permissions} on {scope}</source>
        <translation>{permissions} für {scope}</translation>
    </message>
    <message>
        <source>{uses} (refilled daily)</source>
        <translation>{uses} (täglich aufgefüllt)</translation>
    </message>
    <message>
        <source>{uses} (refilled monthly)</source>
        <translation>{uses} (monatlich aufgefüllt)</translation>
    </message>
</context>
<context>
    <name>EventTableModel</name>
    <message>
        <source>API</source>
        <translation>API</translation>
    </message>
    <message>
        <source>CLI</source>
        <translation>CLI</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Ereignis</translation>
    </message>
    <message>
        <source>Key ID</source>
        <translation>Schlüssel-ID</translation>
    </message>
    <message>
        <source>Key created</source>
        <translation>Schlüssel erstellt</translation>
    </message>
    <message>
        <source>Key deleted</source>
        <translation>Schlüssel gelöscht</translation>
    </message>
    <message>
        <source>Key disabled</source>
        <translation>Schlüssel deaktiviert</translation>
    </message>
    <message>
        <source>Key edited</source>
        <translation>Schlüssel bearbeitet</translation>
    </message>
    <message>
        <source>Key enabled</source>
        <translation>Schlüssel aktiviert</translation>
    </message>
    <message>
        <source>Key regenerated</source>
        <translation>Schlüssel neu erzeugt</translation>
    </message>
    <message>
        <source>Key rotated</source>
        <translation>Schlüssel rotiert</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Policy changed</source>
        <translation>Richtlinie geändert</translation>
    </message>
    <message>
        <source>Project added</source>
        <translation>Projekt hinzugefügt</translation>
    </message>
    <message>
        <source>Project removed</source>
        <translation>Projekt entfernt</translation>
    </message>
    <message>
        <source>Project renamed</source>
        <translation>Projekt umbenannt</translation>
    </message>
    <message>
        <source>Recorded before qkeys kept who made each change</source>
        <translation>Aufgezeichnet, bevor qkeys den Urheber jeder Änderung festhielt</translation>
    </message>
    <message>
        <source>Someone</source>
        <translation>Jemand</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Wer</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>Fenster</translation>
    </message>
    <message>
        <source>{who} in the qkeys window</source>
        <translation>{who} im qkeys-Fenster</translation>
    </message>
    <message>
        <source>{who} through the Python API</source>
        <translation>{who} über die Python-API</translation>
    </message>
    <message>
        <source>{who} through {surface}</source>
        <translation>{who} über {surface}</translation>
    </message>
    <message>
        <source>{who} with the qkeys command</source>
        <translation>{who} mit dem qkeys-Befehl</translation>
    </message>
</context>
<context>
    <name>ExpirationField</name>
    <message>
        <source>Custom date…</source>
        <translation>Eigenes Datum…</translation>
    </message>
    <message>
        <source>Custom expiration date</source>
        <translation>Eigenes Ablaufdatum</translation>
    </message>
    <message>
        <source>Expiration</source>
        <translation>Ablauf</translation>
    </message>
    <message>
        <source>Expired on {date}; choose a new expiration to bring the key back.</source>
        <translation>Abgelaufen am {date}; wählen Sie einen neuen Ablauf, um den Schlüssel wieder zu aktivieren.</translation>
    </message>
    <message>
        <source>Expires on {date}</source>
        <translation>Läuft ab am {date}</translation>
    </message>
    <message numerus="yes">
        <source>Expires on {date} — this registry allows at most %n day(s)</source>
        <translation>
            <numerusform>Läuft ab am {date} – dieses Schlüsselregister erlaubt höchstens %n Tag</numerusform>
            <numerusform>Läuft ab am {date} – dieses Schlüsselregister erlaubt höchstens %n Tage</numerusform>
        </translation>
    </message>
    <message>
        <source>Keys that never expire are a risk if leaked. Prefer a date and rotate the key when it is due.</source>
        <translation>Schlüssel, die nie ablaufen, sind ein Risiko, wenn sie in falsche Hände geraten. Wählen Sie lieber ein Datum und rotieren Sie den Schlüssel, wenn es so weit ist.</translation>
    </message>
    <message>
        <source>The key stops working at the start of this day (local time)</source>
        <translation>Der Schlüssel funktioniert ab Beginn dieses Tages nicht mehr (Ortszeit)</translation>
    </message>
    <message numerus="yes">
        <source>This registry's policy allows keys to live at most %n day(s).</source>
        <translation>
            <numerusform>Die Richtlinie dieses Schlüsselregisters erlaubt eine Lebensdauer von höchstens %n Tag.</numerusform>
            <numerusform>Die Richtlinie dieses Schlüsselregisters erlaubt eine Lebensdauer von höchstens %n Tagen.</numerusform>
        </translation>
    </message>
    <message>
        <source>This registry's policy requires every key to expire.</source>
        <translation>Die Richtlinie dieses Schlüsselregisters verlangt, dass jeder Schlüssel abläuft.</translation>
    </message>
    <message>
        <source>When the key stops working</source>
        <translation>Wann der Schlüssel aufhört zu funktionieren</translation>
    </message>
    <message>
        <source>{refused} is in the past: a key must expire tomorrow or later. The date stays {kept}.</source>
        <translation>{refused} liegt in der Vergangenheit: Ein Schlüssel muss frühestens morgen ablaufen. Das Datum bleibt {kept}.</translation>
    </message>
</context>
<context>
    <name>ExpiryReminders</name>
    <message numerus="yes">
        <source>%n API key(s) expired</source>
        <translation>
            <numerusform>%n API-Schlüssel ist abgelaufen</numerusform>
            <numerusform>%n API-Schlüssel sind abgelaufen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n API key(s) will expire soon</source>
        <translation>
            <numerusform>%n API-Schlüssel läuft bald ab</numerusform>
            <numerusform>%n API-Schlüssel laufen bald ab</numerusform>
        </translation>
    </message>
    <message>
        <source>Click to open the key in qkeys.</source>
        <translation>Klicken, um den Schlüssel in qkeys zu öffnen.</translation>
    </message>
    <message>
        <source>Click to open the soonest in qkeys.</source>
        <translation>Klicken, um den nächsten in qkeys zu öffnen.</translation>
    </message>
    <message>
        <source>Could not check for expiring keys: {error}</source>
        <translation>Ablaufende Schlüssel konnten nicht geprüft werden: {error}</translation>
    </message>
    <message>
        <source>Expired: {keys}.</source>
        <translation>Abgelaufen: {keys}.</translation>
    </message>
    <message>
        <source>Expiring: {keys}.</source>
        <translation>Läuft ab: {keys}.</translation>
    </message>
    <message>
        <source>on {date}</source>
        <translation>am {date}</translation>
    </message>
    <message numerus="yes">
        <source>{keys} and %n more</source>
        <translation>
            <numerusform>{keys} und %n weiterer</numerusform>
            <numerusform>{keys} und %n weitere</numerusform>
        </translation>
    </message>
    <message>
        <source>“{name}” {when}</source>
        <translation>„{name}“ {when}</translation>
    </message>
</context>
<context>
    <name>FieldMessage</name>
    <message>
        <source> and </source>
        <comment>between the names of the fields a message is about</comment>
        <translation> und </translation>
    </message>
    <message>
        <source>About {fields}</source>
        <translation>Zu {fields}</translation>
    </message>
    <message>
        <source>Error: {message}</source>
        <translation>Fehler: {message}</translation>
    </message>
    <message>
        <source>Warning: {message}</source>
        <translation>Warnung: {message}</translation>
    </message>
</context>
<context>
    <name>FilterChips</name>
    <message>
        <source>Filters</source>
        <translation>Filter</translation>
    </message>
    <message>
        <source>Show keys: {kind}</source>
        <translation>Schlüssel zeigen: {kind}</translation>
    </message>
    <message>
        <source>Show:</source>
        <translation>Zeigen:</translation>
    </message>
</context>
<context>
    <name>FormDialog</name>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Close without changing anything (Esc)</source>
        <translation>Schließen, ohne etwas zu ändern (Esc)</translation>
    </message>
    <message>
        <source>Could not load what this form needs. {error}</source>
        <translation>Die Daten für dieses Formular konnten nicht geladen werden. {error}</translation>
    </message>
    <message>
        <source>“{name}” ({key_id}) no longer exists: it was deleted or rotated elsewhere meanwhile. Nothing was changed.</source>
        <translation>„{name}“ ({key_id}) existiert nicht mehr: Er wurde inzwischen anderswo gelöscht oder rotiert. Es wurde nichts geändert.</translation>
    </message>
</context>
<context>
    <name>KeyDetailsDialog</name>
    <message numerus="yes">
        <source>%n other(s)</source>
        <translation>
            <numerusform>%n weiterer</numerusform>
            <numerusform>%n weitere</numerusform>
        </translation>
    </message>
    <message>
        <source>API key details</source>
        <translation>Details zum API-Schlüssel</translation>
    </message>
    <message>
        <source>API key “{name}”</source>
        <translation>API-Schlüssel „{name}“</translation>
    </message>
    <message>
        <source>Action not permitted</source>
        <translation>Aktion nicht erlaubt</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <source>All checks, by client</source>
        <translation>Alle Prüfungen, nach Client</translation>
    </message>
    <message>
        <source>Apps presenting it are refused with “disabled” from their very next check, until you enable it again. Its token stays the same.</source>
        <translation>Apps, die ihn vorlegen, werden ab ihrer nächsten Prüfung mit „disabled“ abgewiesen, bis Sie ihn wieder aktivieren. Sein Token bleibt gleich.</translation>
    </message>
    <message>
        <source>Change the name, description, permissions, scope or expiry; the token stays the same</source>
        <translation>Name, Beschreibung, Berechtigungen, Geltungsbereich oder Ablauf ändern; der Token bleibt gleich</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Close (Esc)</source>
        <translation>Schließen (Esc)</translation>
    </message>
    <message>
        <source>Copied {key_id}</source>
        <translation>{key_id} kopiert</translation>
    </message>
    <message>
        <source>Copy key ID</source>
        <translation>Schlüssel-ID kopieren</translation>
    </message>
    <message>
        <source>Copy the key ID (not a secret) to the clipboard</source>
        <translation>Die Schlüssel-ID (kein Geheimnis) in die Zwischenablage kopieren</translation>
    </message>
    <message>
        <source>Could not load the key: {error}</source>
        <translation>Der Schlüssel konnte nicht geladen werden: {error}</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <source>Delivery</source>
        <translation>Übergabe</translation>
    </message>
    <message>
        <source>Disable</source>
        <translation>Deaktivieren</translation>
    </message>
    <message>
        <source>Disable API key?</source>
        <translation>API-Schlüssel deaktivieren?</translation>
    </message>
    <message>
        <source>Disable the API key “{name}”?</source>
        <translation>Den API-Schlüssel „{name}“ deaktivieren?</translation>
    </message>
    <message>
        <source>Disabled</source>
        <translation>Deaktiviert</translation>
    </message>
    <message>
        <source>Disabled since {date}: every check is refused</source>
        <translation>Deaktiviert seit {date}: jede Prüfung wird abgewiesen</translation>
    </message>
    <message>
        <source>Disabled “{name}”: it is refused until enabled again.</source>
        <translation>„{name}“ deaktiviert: Er wird abgewiesen, bis er wieder aktiviert ist.</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>Bearbeiten</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Bearbeiten…</translation>
    </message>
    <message>
        <source>Enable</source>
        <translation>Aktivieren</translation>
    </message>
    <message>
        <source>Enabled “{name}” again.</source>
        <translation>„{name}“ wieder aktiviert.</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>Abgelaufen</translation>
    </message>
    <message>
        <source>Expired: every check is refused</source>
        <translation>Abgelaufen: jede Prüfung wird abgewiesen</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>Läuft ab</translation>
    </message>
    <message>
        <source>Expires soon</source>
        <translation>Läuft bald ab</translation>
    </message>
    <message>
        <source>Give the key a new token; the old one can keep working for a while</source>
        <translation>Dem Schlüssel einen neuen Token geben; der alte kann noch eine Weile funktionieren</translation>
    </message>
    <message>
        <source>Gone</source>
        <translation>Entfernt</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <source>In all</source>
        <translation>Insgesamt</translation>
    </message>
    <message>
        <source>Key ID</source>
        <translation>Schlüssel-ID</translation>
    </message>
    <message>
        <source>Last used</source>
        <translation>Zuletzt verwendet</translation>
    </message>
    <message>
        <source>Last used by {client}</source>
        <translation>Zuletzt verwendet von {client}</translation>
    </message>
    <message>
        <source>Let the key work again</source>
        <translation>Den Schlüssel wieder funktionieren lassen</translation>
    </message>
    <message>
        <source>Limits</source>
        <translation>Limits</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <source>Mismatch</source>
        <translation>Falsches Geheimnis</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>Nie</translation>
    </message>
    <message>
        <source>No checks</source>
        <translation>Keine Prüfungen</translation>
    </message>
    <message>
        <source>No client label</source>
        <translation>Ohne Client-Bezeichnung</translation>
    </message>
    <message>
        <source>No description.</source>
        <translation>Keine Beschreibung.</translation>
    </message>
    <message>
        <source>No rejections</source>
        <translation>Keine Abweisungen</translation>
    </message>
    <message>
        <source>None: any number of checks, at any rate</source>
        <translation>Keine: beliebig viele Prüfungen, beliebig schnell</translation>
    </message>
    <message>
        <source>OS keychain: service “{service}”, account “{account}”</source>
        <translation>Schlüsselbund des Systems: Dienst „{service}“, Konto „{account}“</translation>
    </message>
    <message>
        <source>Pause the key: every check is refused with “disabled” until you enable it</source>
        <translation>Den Schlüssel pausieren: Jede Prüfung wird mit „disabled“ abgewiesen, bis Sie ihn aktivieren</translation>
    </message>
    <message>
        <source>Permissions</source>
        <translation>Berechtigungen</translation>
    </message>
    <message>
        <source>Policy</source>
        <translation>Richtlinie</translation>
    </message>
    <message>
        <source>Project out of scope</source>
        <translation>Projekt außerhalb des Geltungsbereichs</translation>
    </message>
    <message>
        <source>Rate limited</source>
        <translation>Ratenlimit erreicht</translation>
    </message>
    <message>
        <source>Rejected, by reason</source>
        <translation>Abgewiesen, nach Grund</translation>
    </message>
    <message>
        <source>Revoked</source>
        <translation>Widerrufen</translation>
    </message>
    <message>
        <source>Rotate</source>
        <translation>Rotieren</translation>
    </message>
    <message>
        <source>Rotate…</source>
        <translation>Rotieren…</translation>
    </message>
    <message>
        <source>Rotating. {rotating} Apps still using it are then refused with “rotated”.</source>
        <translation>Rotation läuft. {rotating} Apps, die ihn dann noch verwenden, werden mit „rotated“ abgewiesen.</translation>
    </message>
    <message>
        <source>Scope</source>
        <translation>Geltungsbereich</translation>
    </message>
    <message>
        <source>Shown once, when it was issued (not stored)</source>
        <translation>Einmal angezeigt, bei der Ausstellung (nicht gespeichert)</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>The key was not changed</source>
        <translation>Der Schlüssel wurde nicht geändert</translation>
    </message>
    <message>
        <source>The key's history</source>
        <translation>Verlauf des Schlüssels</translation>
    </message>
    <message>
        <source>The old token {key_id} still works; it stops {when}.</source>
        <translation>Der alte Token {key_id} funktioniert noch; er endet {when}.</translation>
    </message>
    <message>
        <source>This key is disabled: apps presenting it are refused with “disabled” until you enable it again.</source>
        <translation>Dieser Schlüssel ist deaktiviert: Apps, die ihn vorlegen, werden mit „disabled“ abgewiesen, bis Sie ihn wieder aktivieren.</translation>
    </message>
    <message>
        <source>This key no longer exists.</source>
        <translation>Dieser Schlüssel existiert nicht mehr.</translation>
    </message>
    <message>
        <source>This key was deleted on {date} by {who}; apps presenting it are refused with “{reason}”.</source>
        <translation>Dieser Schlüssel wurde am {date} von {who} gelöscht; Apps, die ihn vorlegen, werden mit „{reason}“ abgewiesen.</translation>
    </message>
    <message>
        <source>Token issued</source>
        <translation>Token ausgestellt</translation>
    </message>
    <message numerus="yes">
        <source>Usage (last %n days)</source>
        <translation>
            <numerusform>Nutzung (letzter Tag)</numerusform>
            <numerusform>Nutzung (letzte %n Tage)</numerusform>
        </translation>
    </message>
    <message>
        <source>Usage and history</source>
        <translation>Nutzung und Verlauf</translation>
    </message>
    <message>
        <source>Usage exhausted</source>
        <translation>Nutzungen aufgebraucht</translation>
    </message>
    <message>
        <source>api</source>
        <translation>API</translation>
    </message>
    <message>
        <source>cli</source>
        <translation>CLI</translation>
    </message>
    <message>
        <source>on {date}</source>
        <translation>am {date}</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>window</source>
        <translation>Fenster</translation>
    </message>
    <message>
        <source>{actor} ({surface})</source>
        <translation>{actor} ({surface})</translation>
    </message>
    <message>
        <source>{count} rejected</source>
        <translation>{count} abgewiesen</translation>
    </message>
    <message>
        <source>{count} valid</source>
        <translation>{count} gültig</translation>
    </message>
    <message>
        <source>{date} (expired)</source>
        <translation>{date} (abgelaufen)</translation>
    </message>
    <message>
        <source>{date} by {client}</source>
        <translation>{date} von {client}</translation>
    </message>
    <message>
        <source>{date} by {who}</source>
        <translation>{date} von {who}</translation>
    </message>
    <message>
        <source>{status} · rotating: the old token stops {when}</source>
        <translation>{status} · Rotation: Der alte Token endet {when}</translation>
    </message>
    <message numerus="yes">
        <source>⚠ It lives longer than the policy's %n days (flagged, not changed)</source>
        <translation>
            <numerusform>⚠ Er lebt länger als der %n Tag der Richtlinie (markiert, nicht geändert)</numerusform>
            <numerusform>⚠ Er lebt länger als die %n Tage der Richtlinie (markiert, nicht geändert)</numerusform>
        </translation>
    </message>
    <message>
        <source>⚠ It never expires, which the policy no longer allows (flagged, not changed)</source>
        <translation>⚠ Er läuft nie ab, was die Richtlinie nicht mehr erlaubt (markiert, nicht geändert)</translation>
    </message>
</context>
<context>
    <name>KeyForm</name>
    <message>
        <source>&amp;Description</source>
        <translation>&amp;Beschreibung</translation>
    </message>
    <message>
        <source>&amp;Expiration</source>
        <translation>&amp;Ablauf</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>&amp;Name</translation>
    </message>
    <message>
        <source>A name that says where the key is used; it must be unique</source>
        <translation>Ein Name, der sagt, wo der Schlüssel verwendet wird; er muss eindeutig sein</translation>
    </message>
    <message>
        <source>Change existing resources</source>
        <translation>Bestehende Ressourcen ändern</translation>
    </message>
    <message>
        <source>Create new resources</source>
        <translation>Neue Ressourcen erstellen</translation>
    </message>
    <message>
        <source>Create: create new resources</source>
        <translation>Erstellen: neue Ressourcen erstellen</translation>
    </message>
    <message>
        <source>Delete resources</source>
        <translation>Ressourcen löschen</translation>
    </message>
    <message>
        <source>Delete: delete resources</source>
        <translation>Löschen: Ressourcen löschen</translation>
    </message>
    <message>
        <source>Delivery</source>
        <translation>Übergabe</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <source>Invite people to projects</source>
        <translation>Personen zu Projekten einladen</translation>
    </message>
    <message>
        <source>Invite: invite people to projects</source>
        <translation>Einladen: Personen zu Projekten einladen</translation>
    </message>
    <message>
        <source>Keep current (never expires)</source>
        <translation>Beibehalten (läuft nie ab)</translation>
    </message>
    <message>
        <source>Keep current ({date})</source>
        <translation>Beibehalten ({date})</translation>
    </message>
    <message>
        <source>Key name</source>
        <translation>Schlüsselname</translation>
    </message>
    <message>
        <source>Limit to specific projects</source>
        <translation>Auf bestimmte Projekte beschränken</translation>
    </message>
    <message>
        <source>No projects yet: add one with “New project…”.</source>
        <translation>Noch keine Projekte: Legen Sie eines mit „Neues Projekt…“ an.</translation>
    </message>
    <message>
        <source>Off: the key works for every project. On: only for the ticked ones</source>
        <translation>Aus: Der Schlüssel gilt für alle Projekte. An: nur für die angehakten</translation>
    </message>
    <message>
        <source>Optional — e.g. deploys the web app; owned by the platform team</source>
        <translation>Optional – z. B. deployt die Web-App; gehört dem Plattform-Team</translation>
    </message>
    <message>
        <source>Optional: where the key is deployed, who owns it. Stored in clear, so never a secret</source>
        <translation>Optional: wo der Schlüssel eingesetzt wird, wem er gehört. Wird im Klartext gespeichert, also nie ein Geheimnis</translation>
    </message>
    <message>
        <source>Permissions</source>
        <translation>Berechtigungen</translation>
    </message>
    <message>
        <source>Read and list resources</source>
        <translation>Ressourcen lesen und auflisten</translation>
    </message>
    <message>
        <source>Read: read and list resources</source>
        <translation>Lesen: Ressourcen lesen und auflisten</translation>
    </message>
    <message>
        <source>Scope</source>
        <translation>Geltungsbereich</translation>
    </message>
    <message>
        <source>Select all</source>
        <translation>Alle auswählen</translation>
    </message>
    <message>
        <source>Select all permissions</source>
        <translation>Alle Berechtigungen auswählen</translation>
    </message>
    <message>
        <source>Shown in the key list and the activity log; up to {most} characters, unique.</source>
        <translation>Erscheint in der Schlüsselliste und im Aktivitätsprotokoll; höchstens {most} Zeichen, eindeutig.</translation>
    </message>
    <message>
        <source>Tick or untick every permission</source>
        <translation>Alle Berechtigungen an- oder abwählen</translation>
    </message>
    <message>
        <source>Write: change existing resources</source>
        <translation>Schreiben: bestehende Ressourcen ändern</translation>
    </message>
    <message>
        <source>e.g. GitHub Actions deploy</source>
        <translation>z. B. GitHub-Actions-Deployment</translation>
    </message>
    <message>
        <source>{length}/{most}</source>
        <translation>{length}/{most}</translation>
    </message>
    <message>
        <source>{permission} permission</source>
        <translation>Berechtigung „{permission}“</translation>
    </message>
</context>
<context>
    <name>KeyHistoryModel</name>
    <message>
        <source>By</source>
        <translation>Von</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Ereignis</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Wann</translation>
    </message>
</context>
<context>
    <name>KeyTableModel</name>
    <message numerus="yes">
        <source>%Ln valid check(s) in the last 30 days</source>
        <translation>
            <numerusform>%Ln gültige Prüfung in den letzten 30 Tagen</numerusform>
            <numerusform>%Ln gültige Prüfungen in den letzten 30 Tagen</numerusform>
        </translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <source>Active: apps can use it</source>
        <translation>Aktiv: Apps können ihn verwenden</translation>
    </message>
    <message>
        <source>At most {count} valid checks per hour</source>
        <translation>Höchstens {count} gültige Prüfungen pro Stunde</translation>
    </message>
    <message>
        <source>At most {count} valid checks per minute</source>
        <translation>Höchstens {count} gültige Prüfungen pro Minute</translation>
    </message>
    <message>
        <source>At most {count} valid checks per second</source>
        <translation>Höchstens {count} gültige Prüfungen pro Sekunde</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <source>Disabled</source>
        <translation>Deaktiviert</translation>
    </message>
    <message>
        <source>Disabled {when}: apps using it are refused until someone enables it again</source>
        <translation>Deaktiviert am {when}: Apps, die ihn verwenden, werden abgewiesen, bis jemand ihn wieder aktiviert</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>Abgelaufen</translation>
    </message>
    <message>
        <source>Expired {when}</source>
        <translation>Abgelaufen am {when}</translation>
    </message>
    <message>
        <source>Expired: apps using it are refused</source>
        <translation>Abgelaufen: Apps, die ihn verwenden, werden abgewiesen</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>Läuft ab</translation>
    </message>
    <message>
        <source>Expires within 7 days: rotate it, or extend its expiration</source>
        <translation>Läuft innerhalb von 7 Tagen ab: rotieren Sie ihn oder verlängern Sie seinen Ablauf</translation>
    </message>
    <message>
        <source>Expires {when}</source>
        <translation>Läuft ab am {when}</translation>
    </message>
    <message>
        <source>Expiring</source>
        <translation>Läuft bald ab</translation>
    </message>
    <message>
        <source>In keychain</source>
        <translation>Im Schlüsselbund</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Schlüssel-ID</translation>
    </message>
    <message>
        <source>Keys created over 90 days ago and not used for 90 days (or never): candidates for deletion (combines with the states: both must hold)</source>
        <translation>Schlüssel, die vor über 90 Tagen erstellt und seit 90 Tagen (oder nie) verwendet wurden: Kandidaten zum Löschen (kombiniert mit den Zuständen: beides muss zutreffen)</translation>
    </message>
    <message>
        <source>Keys past their expiration: apps using them are refused</source>
        <translation>Abgelaufene Schlüssel: Apps, die sie verwenden, werden abgewiesen</translation>
    </message>
    <message>
        <source>Keys paused by someone: refused until enabled again</source>
        <translation>Von jemandem pausierte Schlüssel: abgewiesen, bis sie wieder aktiviert werden</translation>
    </message>
    <message>
        <source>Keys rotated with an overlap: the token they replaced still works for now</source>
        <translation>Mit Überlappung rotierte Schlüssel: das ersetzte Token funktioniert vorerst noch</translation>
    </message>
    <message>
        <source>Keys that expire within 7 days</source>
        <translation>Schlüssel, die innerhalb von 7 Tagen ablaufen</translation>
    </message>
    <message>
        <source>Keys that work and do not expire within 7 days</source>
        <translation>Schlüssel, die funktionieren und nicht innerhalb von 7 Tagen ablaufen</translation>
    </message>
    <message>
        <source>Keys whose token was saved to this computer's keychain (combines with the states: both must hold)</source>
        <translation>Schlüssel, deren Token im Schlüsselbund dieses Computers gespeichert wurde (kombiniert mit den Zuständen: beides muss zutreffen)</translation>
    </message>
    <message>
        <source>Keys with no expiration date (combines with the states: both must hold)</source>
        <translation>Schlüssel ohne Ablaufdatum (kombiniert mit den Zuständen: beides muss zutreffen)</translation>
    </message>
    <message>
        <source>Last used</source>
        <translation>Genutzt</translation>
    </message>
    <message>
        <source>Limits: {limits}</source>
        <translation>Limits: {limits}</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Never expires</source>
        <translation>Läuft nie ab</translation>
    </message>
    <message>
        <source>Never expires: if the token leaks, it works until someone deletes or disables the key</source>
        <translation>Läuft nie ab: Wird das Token veröffentlicht, funktioniert es, bis jemand den Schlüssel löscht oder deaktiviert</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Keins</translation>
    </message>
    <message numerus="yes">
        <source>Not used for %n day(s): a candidate for deletion</source>
        <translation>
            <numerusform>Seit %n Tag nicht verwendet: ein Kandidat zum Löschen</numerusform>
            <numerusform>Seit %n Tagen nicht verwendet: ein Kandidat zum Löschen</numerusform>
        </translation>
    </message>
    <message>
        <source>Not used yet</source>
        <translation>Noch nicht verwendet</translation>
    </message>
    <message numerus="yes">
        <source>Outside this registry's policy: it lives longer than the policy's %n day(s) ({policy}). Edit or rotate it to bring it in line.</source>
        <translation>
            <numerusform>Außerhalb der Richtlinie dieses Schlüsselregisters: Er lebt länger als die %n Tag der Richtlinie ({policy}). Bearbeiten oder rotieren Sie ihn, um ihn anzupassen.</numerusform>
            <numerusform>Außerhalb der Richtlinie dieses Schlüsselregisters: Er lebt länger als die %n Tage der Richtlinie ({policy}). Bearbeiten oder rotieren Sie ihn, um ihn anzupassen.</numerusform>
        </translation>
    </message>
    <message>
        <source>Outside this registry's policy: it never expires, which the policy no longer allows ({policy}). Edit or rotate it to bring it in line.</source>
        <translation>Außerhalb der Richtlinie dieses Schlüsselregisters: Er läuft nie ab, was die Richtlinie nicht mehr erlaubt ({policy}). Bearbeiten oder rotieren Sie ihn, um ihn anzupassen.</translation>
    </message>
    <message>
        <source>Permissions</source>
        <translation>Berechtigungen</translation>
    </message>
    <message>
        <source>Rotated: the new token works now; the old one ({old_key_id}) keeps working until {when}</source>
        <translation>Rotiert: das neue Token funktioniert jetzt; das alte ({old_key_id}) funktioniert noch bis {when}</translation>
    </message>
    <message>
        <source>Rotating</source>
        <translation>Wird rotiert</translation>
    </message>
    <message numerus="yes">
        <source>Rotating · %n day(s)</source>
        <translation>
            <numerusform>Rotation · %n Tag</numerusform>
            <numerusform>Rotation · %n Tage</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Rotating · %n h</source>
        <translation>
            <numerusform>Rotation · %n h</numerusform>
            <numerusform>Rotation · %n h</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Rotating · %n min</source>
        <translation>
            <numerusform>Rotation · %n min</numerusform>
            <numerusform>Rotation · %n min</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Rotating — old token stops in %n day(s)</source>
        <translation>
            <numerusform>Wird rotiert – altes Token endet in %n Tag</numerusform>
            <numerusform>Wird rotiert – altes Token endet in %n Tagen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Rotating — old token stops in %n h</source>
        <translation>
            <numerusform>Wird rotiert – altes Token endet in %n h</numerusform>
            <numerusform>Wird rotiert – altes Token endet in %n h</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Rotating — old token stops in %n min</source>
        <translation>
            <numerusform>Wird rotiert – altes Token endet in %n min</numerusform>
            <numerusform>Wird rotiert – altes Token endet in %n min</numerusform>
        </translation>
    </message>
    <message>
        <source>Scope</source>
        <translation>Bereich</translation>
    </message>
    <message>
        <source>The name you gave the key (its description in the tooltip), and whether it is disabled or rotating (the token it replaced still works for a while)</source>
        <translation>Der Name, den Sie dem Schlüssel gegeben haben (seine Beschreibung im Tooltip), und ob er deaktiviert ist oder rotiert wird (das ersetzte Token funktioniert noch eine Weile)</translation>
    </message>
    <message>
        <source>The projects the key may be used on</source>
        <translation>Die Projekte, in denen der Schlüssel verwendet werden darf</translation>
    </message>
    <message>
        <source>The public key ID; the secret part is never stored or shown again</source>
        <translation>Die öffentliche Schlüssel-ID; der geheime Teil wird nie gespeichert oder erneut angezeigt</translation>
    </message>
    <message>
        <source>Unlimited</source>
        <translation>Unbegrenzt</translation>
    </message>
    <message>
        <source>Unused 90 d</source>
        <translation>90 T. ungenutzt</translation>
    </message>
    <message>
        <source>Uses (30 d)</source>
        <translation>Nutzung 30 T.</translation>
    </message>
    <message>
        <source>Valid checks in the last 30 days (counted about once a minute); a limited key's limits in its tooltip</source>
        <translation>Gültige Prüfungen in den letzten 30 Tagen (etwa einmal pro Minute gezählt); die Limits eines begrenzten Schlüssels stehen in seinem Tooltip</translation>
    </message>
    <message>
        <source>What the key may do</source>
        <translation>Was der Schlüssel darf</translation>
    </message>
    <message>
        <source>When an app last presented the key; keys unused for 90 days are marked as candidates for deletion</source>
        <translation>Wann eine App den Schlüssel zuletzt vorgelegt hat; 90 Tage lang ungenutzte Schlüssel werden als Kandidaten zum Löschen markiert</translation>
    </message>
    <message>
        <source>When the key stops working</source>
        <translation>Wann der Schlüssel aufhört zu funktionieren</translation>
    </message>
    <message>
        <source>When the key was created (or last rotated)</source>
        <translation>Wann der Schlüssel erstellt (oder zuletzt rotiert) wurde</translation>
    </message>
    <message>
        <source>active</source>
        <translation>aktiv</translation>
    </message>
    <message>
        <source>disabled</source>
        <translation>deaktiviert</translation>
    </message>
    <message>
        <source>expired</source>
        <translation>abgelaufen</translation>
    </message>
    <message>
        <source>expiring</source>
        <translation>läuft bald ab</translation>
    </message>
    <message>
        <source>in keychain</source>
        <translation>im Schlüsselbund</translation>
    </message>
    <message numerus="yes">
        <source>keys live at most %n day(s)</source>
        <translation>
            <numerusform>Schlüssel leben höchstens %n Tag</numerusform>
            <numerusform>Schlüssel leben höchstens %n Tage</numerusform>
        </translation>
    </message>
    <message>
        <source>never expires</source>
        <translation>läuft nie ab</translation>
    </message>
    <message>
        <source>no maximum lifetime</source>
        <translation>keine maximale Lebensdauer</translation>
    </message>
    <message>
        <source>rotating</source>
        <translation>wird rotiert</translation>
    </message>
    <message>
        <source>unused 90 d</source>
        <translation>90 Tage ungenutzt</translation>
    </message>
    <message>
        <source>{key_id} — the secret part was shown once and is not stored</source>
        <translation>{key_id} – der geheime Teil wurde einmal angezeigt und wird nicht gespeichert</translation>
    </message>
    <message>
        <source>{left} of {limit} uses left</source>
        <translation>{left} von {limit} Nutzungen übrig</translation>
    </message>
    <message>
        <source>{left} of {limit} uses left, refilled to {limit} every day (UTC)</source>
        <translation>{left} von {limit} Nutzungen übrig, täglich wieder auf {limit} aufgefüllt (UTC)</translation>
    </message>
    <message>
        <source>{left} of {limit} uses left, refilled to {limit} on the first of every month (UTC)</source>
        <translation>{left} von {limit} Nutzungen übrig, am Ersten jedes Monats wieder auf {limit} aufgefüllt (UTC)</translation>
    </message>
    <message>
        <source>{left}/{limit} uses</source>
        <translation>{left}/{limit} Nutzungen</translation>
    </message>
    <message>
        <source>{lifetime}; every key must expire</source>
        <translation>{lifetime}; jeder Schlüssel muss ablaufen</translation>
    </message>
    <message>
        <source>{lifetime}; keys may never expire</source>
        <translation>{lifetime}; Schlüssel dürfen unbegrenzt gültig sein</translation>
    </message>
    <message>
        <source>{name}, {badge}</source>
        <translation>{name}, {badge}</translation>
    </message>
    <message>
        <source>{uses} — used up: checks are refused with “usage exhausted”</source>
        <translation>{uses} – aufgebraucht: Prüfungen werden mit „usage exhausted“ abgewiesen</translation>
    </message>
    <message>
        <source>{when} by {client}</source>
        <translation>{when} von {client}</translation>
    </message>
</context>
<context>
    <name>KeysPage</name>
    <message numerus="yes">
        <source>%n key(s) expired</source>
        <translation>
            <numerusform>%n Schlüssel abgelaufen</numerusform>
            <numerusform>%n Schlüssel abgelaufen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n key(s) expired, {expiring} expiring within 7 days</source>
        <translation>
            <numerusform>%n Schlüssel abgelaufen, {expiring} mit Ablauf innerhalb von 7 Tagen</numerusform>
            <numerusform>%n Schlüssel abgelaufen, {expiring} mit Ablauf innerhalb von 7 Tagen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n key(s) expiring within 7 days</source>
        <translation>
            <numerusform>%n Schlüssel läuft innerhalb von 7 Tagen ab</numerusform>
            <numerusform>%n Schlüssel laufen innerhalb von 7 Tagen ab</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n key(s) were already deleted elsewhere.</source>
        <translation>
            <numerusform>%n Schlüssel war bereits anderswo gelöscht worden.</numerusform>
            <numerusform>%n Schlüssel waren bereits anderswo gelöscht worden.</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;b&gt;{summary}.&lt;/b&gt; Apps using an expired key are refused; edit or rotate it for a new lifetime. &lt;a href='#show'&gt;Show them&lt;/a&gt; · &lt;a href='#expiry'&gt;Sort by expiry&lt;/a&gt;</source>
        <translation>&lt;b&gt;{summary}.&lt;/b&gt; Apps mit einem abgelaufenen Schlüssel werden abgewiesen; bearbeiten oder rotieren Sie ihn für eine neue Laufzeit. &lt;a href='#show'&gt;Anzeigen&lt;/a&gt; · &lt;a href='#expiry'&gt;Nach Ablauf sortieren&lt;/a&gt;</translation>
    </message>
    <message>
        <source>API Keys</source>
        <translation>API-Schlüssel</translation>
    </message>
    <message>
        <source>API keys</source>
        <translation>API-Schlüssel</translation>
    </message>
    <message>
        <source>Apps and integrations using it lose access at once. This cannot be undone.</source>
        <translation>Apps und Integrationen, die ihn verwenden, verlieren sofort den Zugriff. Dies kann nicht rückgängig gemacht werden.</translation>
    </message>
    <message>
        <source>Apps and integrations using them lose access at once. This cannot be undone.</source>
        <translation>Apps und Integrationen, die sie verwenden, verlieren sofort den Zugriff. Dies kann nicht rückgängig gemacht werden.</translation>
    </message>
    <message>
        <source>Clear search</source>
        <translation>Suche zurücksetzen</translation>
    </message>
    <message>
        <source>Copied the key ID {key_id}.</source>
        <translation>Schlüssel-ID {key_id} kopiert.</translation>
    </message>
    <message>
        <source>Copy Key ID</source>
        <translation>Schlüssel-ID kopieren</translation>
    </message>
    <message>
        <source>Copy the key's public ID (not a secret)</source>
        <translation>Die öffentliche ID des Schlüssels kopieren (kein Geheimnis)</translation>
    </message>
    <message>
        <source>Could not load the keys: {error}</source>
        <translation>Die Schlüssel konnten nicht geladen werden: {error}</translation>
    </message>
    <message>
        <source>Create API Key</source>
        <translation>API-Schlüssel erstellen</translation>
    </message>
    <message>
        <source>Create a key for each app or integration that calls the API; you can limit it to some projects and permissions.</source>
        <translation>Erstellen Sie einen Schlüssel für jede App oder Integration, die die API aufruft; Sie können ihn auf einige Projekte und Berechtigungen beschränken.</translation>
    </message>
    <message>
        <source>Create a new API key ({keys})</source>
        <translation>Einen neuen API-Schlüssel erstellen ({keys})</translation>
    </message>
    <message>
        <source>Create an API key for an app or integration</source>
        <translation>Einen API-Schlüssel für eine App oder Integration erstellen</translation>
    </message>
    <message>
        <source>Create your first API key</source>
        <translation>Ersten API-Schlüssel erstellen</translation>
    </message>
    <message>
        <source>Created the key “{name}”.</source>
        <translation>Schlüssel „{name}“ erstellt.</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message numerus="yes">
        <source>Delete %n Key(s)</source>
        <translation>
            <numerusform>%n Schlüssel löschen</numerusform>
            <numerusform>%n Schlüssel löschen</numerusform>
        </translation>
    </message>
    <message>
        <source>Delete API key?</source>
        <translation>API-Schlüssel löschen?</translation>
    </message>
    <message>
        <source>Delete API keys?</source>
        <translation>API-Schlüssel löschen?</translation>
    </message>
    <message>
        <source>Delete the API key “{name}” ({key_id})?</source>
        <translation>Den API-Schlüssel „{name}“ ({key_id}) löschen?</translation>
    </message>
    <message numerus="yes">
        <source>Delete these %n API key(s)?</source>
        <translation>
            <numerusform>Diesen %n API-Schlüssel löschen?</numerusform>
            <numerusform>Diese %n API-Schlüssel löschen?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Deleted %n key(s); they no longer work.</source>
        <translation>
            <numerusform>%n Schlüssel gelöscht; er funktioniert nicht mehr.</numerusform>
            <numerusform>%n Schlüssel gelöscht; sie funktionieren nicht mehr.</numerusform>
        </translation>
    </message>
    <message>
        <source>Deleted the key “{name}”; it no longer works.</source>
        <translation>Schlüssel „{name}“ gelöscht; er funktioniert nicht mehr.</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>Löschen…</translation>
    </message>
    <message>
        <source>Details…</source>
        <translation>Details…</translation>
    </message>
    <message>
        <source>Disable</source>
        <translation>Deaktivieren</translation>
    </message>
    <message numerus="yes">
        <source>Disabled %n key(s): apps using them are refused until enabled again.</source>
        <translation>
            <numerusform>%n Schlüssel deaktiviert: Apps, die ihn verwenden, werden abgewiesen, bis er wieder aktiviert wird.</numerusform>
            <numerusform>%n Schlüssel deaktiviert: Apps, die sie verwenden, werden abgewiesen, bis sie wieder aktiviert werden.</numerusform>
        </translation>
    </message>
    <message>
        <source>Disabled the key “{name}”: apps using it are refused until enabled again.</source>
        <translation>Schlüssel „{name}“ deaktiviert: Apps, die ihn verwenden, werden abgewiesen, bis er wieder aktiviert wird.</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Bearbeiten…</translation>
    </message>
    <message>
        <source>Enable</source>
        <translation>Aktivieren</translation>
    </message>
    <message numerus="yes">
        <source>Enabled %n key(s): apps can use them again.</source>
        <translation>
            <numerusform>%n Schlüssel aktiviert: Apps können ihn wieder verwenden.</numerusform>
            <numerusform>%n Schlüssel aktiviert: Apps können sie wieder verwenden.</numerusform>
        </translation>
    </message>
    <message>
        <source>Enabled the key “{name}”: apps can use it again.</source>
        <translation>Schlüssel „{name}“ aktiviert: Apps können ihn wieder verwenden.</translation>
    </message>
    <message>
        <source>Give the key a new token, the old one working on for a while if you like</source>
        <translation>Dem Schlüssel ein neues Token geben; das alte funktioniert auf Wunsch noch eine Weile</translation>
    </message>
    <message>
        <source>Keys let your apps and integrations call the API. A key's secret is shown once, when you create it.</source>
        <translation>Mit Schlüsseln rufen Ihre Apps und Integrationen die API auf. Das Geheimnis eines Schlüssels wird einmal angezeigt, wenn Sie ihn erstellen.</translation>
    </message>
    <message>
        <source>No API keys yet</source>
        <translation>Noch keine API-Schlüssel</translation>
    </message>
    <message>
        <source>No key has the key ID of that token, {key_id}: it was deleted or rotated, or belongs to another registry.</source>
        <translation>Kein Schlüssel hat die Schlüssel-ID dieses Tokens, {key_id}: Er wurde gelöscht oder rotiert oder gehört zu einem anderen Schlüsselregister.</translation>
    </message>
    <message>
        <source>No key matches that secret token — search by key ID instead.</source>
        <translation>Kein Schlüssel passt zu diesem geheimen Token – suchen Sie stattdessen nach der Schlüssel-ID.</translation>
    </message>
    <message>
        <source>No key's name, description, key ID or project contains “{text}”.</source>
        <translation>Weder Name, Beschreibung, Schlüssel-ID noch Projekt eines Schlüssels enthält „{text}“.</translation>
    </message>
    <message>
        <source>No keys match the chosen filters ({filters}) and contain “{text}”.</source>
        <translation>Keine Schlüssel entsprechen den gewählten Filtern ({filters}) und enthalten „{text}“.</translation>
    </message>
    <message>
        <source>No keys match the chosen filters: {filters}.</source>
        <translation>Keine Schlüssel entsprechen den gewählten Filtern: {filters}.</translation>
    </message>
    <message>
        <source>No matching keys</source>
        <translation>Keine passenden Schlüssel</translation>
    </message>
    <message>
        <source>Refuse the selected keys until they are enabled again</source>
        <translation>Die ausgewählten Schlüssel abweisen, bis sie wieder aktiviert werden</translation>
    </message>
    <message>
        <source>Rename the key or change its description, permissions, scope or expiration</source>
        <translation>Den Schlüssel umbenennen oder Beschreibung, Berechtigungen, Geltungsbereich oder Ablauf ändern</translation>
    </message>
    <message>
        <source>Revoke the selected keys at once</source>
        <translation>Die ausgewählten Schlüssel sofort widerrufen</translation>
    </message>
    <message>
        <source>Rotate…</source>
        <translation>Rotieren…</translation>
    </message>
    <message>
        <source>Search by name, description, key ID or project</source>
        <translation>Nach Name, Beschreibung, Schlüssel-ID oder Projekt suchen</translation>
    </message>
    <message>
        <source>Search keys</source>
        <translation>Schlüssel durchsuchen</translation>
    </message>
    <message>
        <source>Show all keys again</source>
        <translation>Wieder alle Schlüssel zeigen</translation>
    </message>
    <message>
        <source>Show only keys whose name, description, key ID or project contains this ({find}; {escape} clears it)</source>
        <translation>Nur Schlüssel zeigen, deren Name, Beschreibung, Schlüssel-ID oder Projekt dies enthält ({find}; {escape} leert das Feld)</translation>
    </message>
    <message>
        <source>Show the key's details and history</source>
        <translation>Details und Verlauf des Schlüssels anzeigen</translation>
    </message>
    <message>
        <source>The key could not be deleted</source>
        <translation>Der Schlüssel konnte nicht gelöscht werden</translation>
    </message>
    <message>
        <source>The key could not be disabled</source>
        <translation>Der Schlüssel konnte nicht deaktiviert werden</translation>
    </message>
    <message>
        <source>The key could not be enabled</source>
        <translation>Der Schlüssel konnte nicht aktiviert werden</translation>
    </message>
    <message>
        <source>The keys could not be deleted</source>
        <translation>Die Schlüssel konnten nicht gelöscht werden</translation>
    </message>
    <message>
        <source>The keys could not be disabled</source>
        <translation>Die Schlüssel konnten nicht deaktiviert werden</translation>
    </message>
    <message>
        <source>The keys could not be enabled</source>
        <translation>Die Schlüssel konnten nicht aktiviert werden</translation>
    </message>
    <message>
        <source>To confirm, type {count} or “{word}”:</source>
        <translation>Geben Sie zur Bestätigung {count} oder „{word}“ ein:</translation>
    </message>
    <message>
        <source>delete</source>
        <translation>löschen</translation>
    </message>
    <message>
        <source>“{name}” ({key_id}) no longer exists: it was deleted or rotated elsewhere meanwhile. Nothing was changed.</source>
        <translation>„{name}“ ({key_id}) existiert nicht mehr: Er wurde inzwischen anderswo gelöscht oder rotiert. Es wurde nichts geändert.</translation>
    </message>
    <message>
        <source>“{name}” was already deleted elsewhere.</source>
        <translation>„{name}“ war bereits anderswo gelöscht worden.</translation>
    </message>
</context>
<context>
    <name>LimitsField</name>
    <message numerus="yes">
        <source>%Ln use(s)</source>
        <translation>
            <numerusform>%Ln Nutzung</numerusform>
            <numerusform>%Ln Nutzungen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln use(s), refilled daily</source>
        <translation>
            <numerusform>%Ln Nutzung, täglich aufgefüllt</numerusform>
            <numerusform>%Ln Nutzungen, täglich aufgefüllt</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln use(s), refilled monthly</source>
        <translation>
            <numerusform>%Ln Nutzung, monatlich aufgefüllt</numerusform>
            <numerusform>%Ln Nutzungen, monatlich aufgefüllt</numerusform>
        </translation>
    </message>
    <message>
        <source>Accept at most this many valid checks per second, minute or hour; refuse the rest with “rate limited”</source>
        <translation>Höchstens so viele gültige Prüfungen pro Sekunde, Minute oder Stunde annehmen; den Rest mit „Ratenlimit erreicht“ ablehnen</translation>
    </message>
    <message>
        <source>Accept this many valid checks in all; then refuse them with “usage exhausted”</source>
        <translation>Insgesamt so viele gültige Prüfungen annehmen; danach mit „Nutzungen aufgebraucht“ ablehnen</translation>
    </message>
    <message>
        <source>Checks per window</source>
        <translation>Prüfungen pro Zeitfenster</translation>
    </message>
    <message>
        <source>Give the key its uses back every day or every month (UTC)</source>
        <translation>Die Nutzungen des Schlüssels jeden Tag oder jeden Monat wieder auffüllen (UTC)</translation>
    </message>
    <message>
        <source>Hidden</source>
        <translation>Ausgeblendet</translation>
    </message>
    <message>
        <source>How many valid checks the key accepts</source>
        <translation>Wie viele gültige Prüfungen der Schlüssel annimmt</translation>
    </message>
    <message>
        <source>How many valid checks the key accepts per window</source>
        <translation>Wie viele gültige Prüfungen der Schlüssel pro Zeitfenster annimmt</translation>
    </message>
    <message>
        <source>Limit the number of uses</source>
        <translation>Nutzungen begrenzen</translation>
    </message>
    <message>
        <source>Limit the rate</source>
        <translation>Rate begrenzen</translation>
    </message>
    <message>
        <source>Limits</source>
        <translation>Limits</translation>
    </message>
    <message>
        <source>None: any number of checks, at any rate</source>
        <translation>Keine: beliebig viele Prüfungen, beliebig schnell</translation>
    </message>
    <message>
        <source>Number of uses</source>
        <translation>Anzahl der Nutzungen</translation>
    </message>
    <message>
        <source>Per second, minute or hour</source>
        <translation>Pro Sekunde, Minute oder Stunde</translation>
    </message>
    <message>
        <source>Rate window</source>
        <translation>Zeitfenster</translation>
    </message>
    <message>
        <source>Refill</source>
        <translation>Auffüllen</translation>
    </message>
    <message>
        <source>Saving starts the count afresh at this number.</source>
        <translation>Beim Speichern beginnt die Zählung neu bei dieser Zahl.</translation>
    </message>
    <message>
        <source>Show or hide the key's optional limits: a number of uses and a rate limit</source>
        <translation>Die optionalen Limits des Schlüssels ein- oder ausblenden: eine Anzahl an Nutzungen und ein Ratenlimit</translation>
    </message>
    <message>
        <source>Shown</source>
        <translation>Eingeblendet</translation>
    </message>
    <message>
        <source>daily</source>
        <translation>täglich</translation>
    </message>
    <message>
        <source>hour</source>
        <translation>Stunde</translation>
    </message>
    <message>
        <source>minute</source>
        <translation>Minute</translation>
    </message>
    <message>
        <source>monthly</source>
        <translation>monatlich</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <source>per</source>
        <translation>pro</translation>
    </message>
    <message>
        <source>refilled</source>
        <translation>aufgefüllt</translation>
    </message>
    <message>
        <source>second</source>
        <translation>Sekunde</translation>
    </message>
    <message>
        <source>{left} of {limit} left now; the count goes on.</source>
        <translation>Noch {left} von {limit} übrig; die Zählung läuft weiter.</translation>
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
    <name>OverlapField</name>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n Tag</numerusform>
            <numerusform>%n Tage</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n hour(s)</source>
        <translation>
            <numerusform>%n Stunde</numerusform>
            <numerusform>%n Stunden</numerusform>
        </translation>
    </message>
    <message>
        <source>Custom overlap</source>
        <translation>Eigene Übergangszeit</translation>
    </message>
    <message>
        <source>Custom…</source>
        <translation>Eigene…</translation>
    </message>
    <message>
        <source>Hours or days</source>
        <translation>Stunden oder Tage</translation>
    </message>
    <message>
        <source>How long the old token keeps working alongside the new one</source>
        <translation>Wie lange der alte Token neben dem neuen weiter funktioniert</translation>
    </message>
    <message>
        <source>How many hours or days the old token keeps working</source>
        <translation>Wie viele Stunden oder Tage der alte Token weiter funktioniert</translation>
    </message>
    <message>
        <source>None — the old token stops at once</source>
        <translation>Keine – der alte Token endet sofort</translation>
    </message>
    <message>
        <source>Overlap</source>
        <translation>Übergangszeit</translation>
    </message>
    <message>
        <source>Overlap unit</source>
        <translation>Einheit der Übergangszeit</translation>
    </message>
    <message>
        <source>The old token keeps working until {when}, then stops with “rotated”.</source>
        <translation>Der alte Token funktioniert bis {when} weiter und wird dann mit „Rotiert“ abgewiesen.</translation>
    </message>
    <message>
        <source>The old token stops working at once: apps still using it are refused with “rotated”.</source>
        <translation>Der alte Token funktioniert sofort nicht mehr: Apps, die ihn noch verwenden, werden mit „Rotiert“ abgewiesen.</translation>
    </message>
    <message>
        <source>days</source>
        <translation>Tage</translation>
    </message>
    <message>
        <source>hours</source>
        <translation>Stunden</translation>
    </message>
    <message>
        <source>{time} today</source>
        <translation>heute {time}</translation>
    </message>
    <message>
        <source>{weekday} {time}</source>
        <translation>{weekday} {time}</translation>
    </message>
</context>
<context>
    <name>PolicySection</name>
    <message>
        <source> days</source>
        <translation> Tage</translation>
    </message>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n Tag</numerusform>
            <numerusform>%n Tage</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n existing key(s) outside this policy ({keys}). They keep working and are flagged in the keys table; nothing is changed.</source>
        <translation>
            <numerusform>%n vorhandener Schlüssel außerhalb dieser Richtlinie ({keys}). Er funktioniert weiter und wird in der Schlüsseltabelle markiert; nichts wird geändert.</numerusform>
            <numerusform>%n vorhandene Schlüssel außerhalb dieser Richtlinie ({keys}). Sie funktionieren weiter und werden in der Schlüsseltabelle markiert; nichts wird geändert.</numerusform>
        </translation>
    </message>
    <message>
        <source>Allow keys that never expire</source>
        <translation>Schlüssel ohne Ablauf erlauben</translation>
    </message>
    <message>
        <source>Any number of days up to ten years</source>
        <translation>Beliebig viele Tage, bis zu zehn Jahre</translation>
    </message>
    <message>
        <source>Could not read the registry's policy: {error}</source>
        <translation>Die Richtlinie des Schlüsselregisters konnte nicht gelesen werden: {error}</translation>
    </message>
    <message>
        <source>Custom…</source>
        <translation>Benutzerdefiniert…</translation>
    </message>
    <message>
        <source>Every key that still works fits this policy.</source>
        <translation>Jeder noch funktionierende Schlüssel entspricht dieser Richtlinie.</translation>
    </message>
    <message>
        <source>Expiration:</source>
        <translation>Ablauf:</translation>
    </message>
    <message>
        <source>How far ahead any key of this registry may expire</source>
        <translation>Wie weit in der Zukunft ein Schlüssel dieses Schlüsselregisters höchstens ablaufen darf</translation>
    </message>
    <message>
        <source>Kept in the registry ({registry}), so it applies to everyone who uses it — on a shared registry, the whole team. New, edited and rotated keys must follow it; existing keys are flagged, not changed.</source>
        <translation>Im Schlüsselregister gespeichert ({registry}), gilt also für alle, die es nutzen – bei einem gemeinsamen Schlüsselregister für das ganze Team. Neue, bearbeitete und rotierte Schlüssel müssen ihr folgen; vorhandene werden markiert, nicht geändert.</translation>
    </message>
    <message>
        <source>Key policy</source>
        <translation>Schlüsselrichtlinie</translation>
    </message>
    <message>
        <source>Maximum key lifetime</source>
        <translation>Maximale Lebensdauer von Schlüsseln</translation>
    </message>
    <message>
        <source>Maximum lifetime in days</source>
        <translation>Maximale Lebensdauer in Tagen</translation>
    </message>
    <message>
        <source>Maximum lifetime:</source>
        <translation>Maximale Lebensdauer:</translation>
    </message>
    <message>
        <source>No maximum</source>
        <translation>Kein Maximum</translation>
    </message>
    <message>
        <source>Off: every new, edited or rotated key must have an expiration date</source>
        <translation>Aus: Jeder neue, bearbeitete oder rotierte Schlüssel braucht ein Ablaufdatum</translation>
    </message>
    <message>
        <source>Reading the registry's policy…</source>
        <translation>Richtlinie des Schlüsselregisters wird gelesen…</translation>
    </message>
    <message>
        <source>Saving the policy in the registry…</source>
        <translation>Richtlinie wird im Schlüsselregister gespeichert…</translation>
    </message>
    <message>
        <source>The policy was not saved: {error}</source>
        <translation>Die Richtlinie wurde nicht gespeichert: {error}</translation>
    </message>
    <message numerus="yes">
        <source>{keys} and %n more</source>
        <translation>
            <numerusform>{keys} und %n weiterer</numerusform>
            <numerusform>{keys} und %n weitere</numerusform>
        </translation>
    </message>
    <message>
        <source>“{name}”</source>
        <translation>„{name}“</translation>
    </message>
</context>
<context>
    <name>ProjectNameDialog</name>
    <message>
        <source>A project named “{name}” already exists; choose another name.</source>
        <translation>Ein Projekt namens „{name}“ gibt es bereits; wählen Sie einen anderen Namen.</translation>
    </message>
    <message>
        <source>Apps that pass “{old}” will be refused by keys limited to it (none is now) once it is renamed: update them to pass {new} instead.</source>
        <translation>Apps, die „{old}“ übergeben, werden nach dem Umbenennen von Schlüsseln abgewiesen, die darauf beschränkt sind (derzeit keiner): Passen Sie sie an, damit sie stattdessen {new} übergeben.</translation>
    </message>
    <message numerus="yes">
        <source>Apps that pass “{old}” will be refused by the %n key(s) limited to it once it is renamed: update them to pass {new} instead.</source>
        <translation>
            <numerusform>Apps, die „{old}“ übergeben, werden nach dem Umbenennen von dem %n darauf beschränkten Schlüssel abgewiesen: Passen Sie sie an, damit sie stattdessen {new} übergeben.</numerusform>
            <numerusform>Apps, die „{old}“ übergeben, werden nach dem Umbenennen von den %n darauf beschränkten Schlüsseln abgewiesen: Passen Sie sie an, damit sie stattdessen {new} übergeben.</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Project &amp;name</source>
        <translation>Projekt&amp;name</translation>
    </message>
    <message>
        <source>Project name</source>
        <translation>Projektname</translation>
    </message>
    <message>
        <source>Up to {most} characters. Names are unique regardless of case.</source>
        <translation>Bis zu {most} Zeichen. Namen sind eindeutig, unabhängig von Groß- und Kleinschreibung.</translation>
    </message>
    <message>
        <source>Up to {most} characters. Names are unique regardless of case. Keys limited to “{name}” follow the new name.</source>
        <translation>Bis zu {most} Zeichen. Namen sind eindeutig, unabhängig von Groß- und Kleinschreibung. Auf „{name}“ beschränkte Schlüssel folgen dem neuen Namen.</translation>
    </message>
    <message>
        <source>e.g. billing-service</source>
        <translation>z. B. billing-service</translation>
    </message>
    <message>
        <source>the new name</source>
        <translation>den neuen Namen</translation>
    </message>
    <message>
        <source>“{name}”</source>
        <translation>„{name}“</translation>
    </message>
</context>
<context>
    <name>ProjectPicker</name>
    <message>
        <source>A project named “{name}” already exists; tick it in the list above.</source>
        <translation>Ein Projekt namens „{name}“ gibt es bereits; haken Sie es in der Liste oben an.</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Hinzufügen</translation>
    </message>
    <message>
        <source>Add a project and limit this key to it</source>
        <translation>Ein Projekt anlegen und diesen Schlüssel darauf beschränken</translation>
    </message>
    <message>
        <source>Add project</source>
        <translation>Projekt hinzufügen</translation>
    </message>
    <message>
        <source>Adding…</source>
        <translation>Wird hinzugefügt…</translation>
    </message>
    <message>
        <source>Cancel (Esc)</source>
        <translation>Abbrechen (Esc)</translation>
    </message>
    <message>
        <source>Cancel new project</source>
        <translation>Neues Projekt abbrechen</translation>
    </message>
    <message>
        <source>Filter projects</source>
        <translation>Projekte filtern</translation>
    </message>
    <message>
        <source>New project</source>
        <translation>Neues Projekt</translation>
    </message>
    <message>
        <source>New project name</source>
        <translation>Name des neuen Projekts</translation>
    </message>
    <message>
        <source>New project name, e.g. billing-service</source>
        <translation>Name des neuen Projekts, z. B. billing-service</translation>
    </message>
    <message>
        <source>New project…</source>
        <translation>Neues Projekt…</translation>
    </message>
    <message>
        <source>No project matches “{text}”.</source>
        <translation>Kein Projekt passt zu „{text}“.</translation>
    </message>
    <message>
        <source>Projects the key may be used for</source>
        <translation>Projekte, für die der Schlüssel gelten darf</translation>
    </message>
    <message>
        <source>Tick the projects this key may be used for</source>
        <translation>Haken Sie die Projekte an, für die dieser Schlüssel gelten darf</translation>
    </message>
    <message>
        <source>Type to narrow the list; ticked projects stay ticked (Esc clears)</source>
        <translation>Tippen, um die Liste einzugrenzen; angehakte Projekte bleiben angehakt (Esc leert das Feld)</translation>
    </message>
</context>
<context>
    <name>ProjectTableModel</name>
    <message numerus="yes">
        <source>%n key(s)</source>
        <translation>
            <numerusform>%n Schlüssel</numerusform>
            <numerusform>%n Schlüssel</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n key(s) limited to {name}</source>
        <translation>
            <numerusform>%n Schlüssel auf {name} beschränkt</numerusform>
            <numerusform>%n Schlüssel auf {name} beschränkt</numerusform>
        </translation>
    </message>
    <message>
        <source>Added {date}</source>
        <translation>Hinzugefügt: {date}</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <source>How many keys are limited to the project</source>
        <translation>Wie viele Schlüssel auf das Projekt beschränkt sind</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Schlüssel</translation>
    </message>
    <message>
        <source>No keys</source>
        <translation>Keine Schlüssel</translation>
    </message>
    <message>
        <source>No keys limited to {name}</source>
        <translation>Keine Schlüssel auf {name} beschränkt</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>Projekt</translation>
    </message>
</context>
<context>
    <name>ProjectsPage</name>
    <message numerus="yes">
        <source>%n key(s) limited to “{name}” will change. Remove it anyway?</source>
        <translation>
            <numerusform>%n auf „{name}“ beschränkter Schlüssel wird geändert. Trotzdem entfernen?</numerusform>
            <numerusform>%n auf „{name}“ beschränkte Schlüssel werden geändert. Trotzdem entfernen?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n project(s)</source>
        <translation>
            <numerusform>%n Projekt</numerusform>
            <numerusform>%n Projekte</numerusform>
        </translation>
    </message>
    <message>
        <source>Add Project</source>
        <translation>Projekt hinzufügen</translation>
    </message>
    <message>
        <source>Add a project that keys can be limited to</source>
        <translation>Ein Projekt hinzufügen, auf das Schlüssel beschränkt werden können</translation>
    </message>
    <message>
        <source>Add a project, then limit keys to it when you create them. Apps name the project when they verify a key.</source>
        <translation>Fügen Sie ein Projekt hinzu und beschränken Sie Schlüssel beim Erstellen darauf. Apps nennen das Projekt, wenn sie einen Schlüssel prüfen.</translation>
    </message>
    <message>
        <source>Add your first project</source>
        <translation>Ihr erstes Projekt hinzufügen</translation>
    </message>
    <message>
        <source>Added project “{name}”.</source>
        <translation>Projekt „{name}“ hinzugefügt.</translation>
    </message>
    <message>
        <source>Could not load projects: {error}</source>
        <translation>Projekte konnten nicht geladen werden: {error}</translation>
    </message>
    <message>
        <source>Kept, still valid for their other projects:
{keys}</source>
        <translation>Behalten, weiterhin gültig für ihre anderen Projekte:
{keys}</translation>
    </message>
    <message>
        <source>Keys can be limited to specific projects; a key without projects works for all of them.</source>
        <translation>Schlüssel lassen sich auf bestimmte Projekte beschränken; ein Schlüssel ohne Projekte gilt für alle.</translation>
    </message>
    <message>
        <source>No keys are limited to it.</source>
        <translation>Keine Schlüssel sind darauf beschränkt.</translation>
    </message>
    <message>
        <source>No longer limited to it: {keys}.</source>
        <translation>Nicht mehr darauf beschränkt: {keys}.</translation>
    </message>
    <message>
        <source>No projects yet</source>
        <translation>Noch keine Projekte</translation>
    </message>
    <message>
        <source>Project “{name}” was already removed elsewhere.</source>
        <translation>Das Projekt „{name}“ wurde bereits anderswo entfernt.</translation>
    </message>
    <message>
        <source>Projects</source>
        <translation>Projekte</translation>
    </message>
    <message>
        <source>Remove Project</source>
        <translation>Projekt entfernen</translation>
    </message>
    <message>
        <source>Remove project</source>
        <translation>Projekt entfernen</translation>
    </message>
    <message>
        <source>Remove the project “{name}”?</source>
        <translation>Das Projekt „{name}“ entfernen?</translation>
    </message>
    <message>
        <source>Remove the selected project (Del)</source>
        <translation>Das ausgewählte Projekt entfernen (Entf)</translation>
    </message>
    <message>
        <source>Removed project “{name}”.</source>
        <translation>Projekt „{name}“ entfernt.</translation>
    </message>
    <message>
        <source>Remove…</source>
        <translation>Entfernen…</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>Umbenennen</translation>
    </message>
    <message>
        <source>Rename project</source>
        <translation>Projekt umbenennen</translation>
    </message>
    <message>
        <source>Rename the selected project (F2); keys limited to it follow</source>
        <translation>Das ausgewählte Projekt umbenennen (F2); darauf beschränkte Schlüssel folgen</translation>
    </message>
    <message>
        <source>Rename “{name}”</source>
        <translation>„{name}“ umbenennen</translation>
    </message>
    <message>
        <source>Renamed project “{old}” to “{new}”.</source>
        <translation>Projekt „{old}“ in „{new}“ umbenannt.</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>Umbenennen…</translation>
    </message>
    <message>
        <source>Revoked at once, because limited to no other project — apps using a revoked key lose access immediately:
{keys}</source>
        <translation>Sofort widerrufen, da auf kein anderes Projekt beschränkt – Apps mit einem widerrufenen Schlüssel verlieren sofort den Zugriff:
{keys}</translation>
    </message>
    <message>
        <source>Revoked: {keys}.</source>
        <translation>Widerrufen: {keys}.</translation>
    </message>
    <message>
        <source>This cannot be undone.</source>
        <translation>Dies kann nicht rückgängig gemacht werden.</translation>
    </message>
    <message numerus="yes">
        <source>“{name}” is taken out of the scope of %n key(s).</source>
        <translation>
            <numerusform>„{name}“ wird aus dem Geltungsbereich von %n Schlüssel genommen.</numerusform>
            <numerusform>„{name}“ wird aus dem Geltungsbereich von %n Schlüsseln genommen.</numerusform>
        </translation>
    </message>
    <message>
        <source>“{name}” was renamed or removed elsewhere meanwhile, so there is nothing to rename; cancel and look at the list again.</source>
        <translation>„{name}“ wurde inzwischen anderswo umbenannt oder entfernt, es gibt also nichts umzubenennen; brechen Sie ab und sehen Sie sich die Liste erneut an.</translation>
    </message>
</context>
<context>
    <name>Prompts</name>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
</context>
<context>
    <name>RegistryWatcher</name>
    <message>
        <source>Cannot read the registry: {error}</source>
        <translation>Das Schlüsselregister kann nicht gelesen werden: {error}</translation>
    </message>
</context>
<context>
    <name>RevealDialog</name>
    <message>
        <source>API key created</source>
        <translation>API-Schlüssel erstellt</translation>
    </message>
    <message>
        <source>API key saved</source>
        <translation>API-Schlüssel gespeichert</translation>
    </message>
    <message>
        <source>API key saved to the OS keychain</source>
        <translation>API-Schlüssel im Schlüsselbund gespeichert</translation>
    </message>
    <message>
        <source>Close (Esc)</source>
        <translation>Schließen (Esc)</translation>
    </message>
    <message>
        <source>Close anyway</source>
        <translation>Trotzdem schließen</translation>
    </message>
    <message>
        <source>Close without copying?</source>
        <translation>Ohne Kopieren schließen?</translation>
    </message>
    <message>
        <source>Command to read the key back</source>
        <translation>Befehl zum Auslesen des Schlüssels</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>Kopiert</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <source>Copy command</source>
        <translation>Befehl kopieren</translation>
    </message>
    <message>
        <source>Copy key</source>
        <translation>Schlüssel kopieren</translation>
    </message>
    <message>
        <source>Copy the key to the clipboard</source>
        <translation>Den Schlüssel in die Zwischenablage kopieren</translation>
    </message>
    <message>
        <source>Copy the read-back command</source>
        <translation>Den Befehl zum Auslesen kopieren</translation>
    </message>
    <message>
        <source>Copy this key now. For your security it will not be shown again.</source>
        <translation>Kopieren Sie diesen Schlüssel jetzt. Aus Sicherheitsgründen wird er nicht noch einmal angezeigt.</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Fertig</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>Läuft ab</translation>
    </message>
    <message>
        <source>Key ID</source>
        <translation>Schlüssel-ID</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>Nie</translation>
    </message>
    <message>
        <source>New API key</source>
        <translation>Neuer API-Schlüssel</translation>
    </message>
    <message>
        <source>Permissions</source>
        <translation>Berechtigungen</translation>
    </message>
    <message>
        <source>Run this in a terminal to print the key</source>
        <translation>Im Terminal ausführen, um den Schlüssel auszugeben</translation>
    </message>
    <message>
        <source>Saved to the OS keychain (service {service}, account {name}). Read it back with:</source>
        <translation>Im Schlüsselbund des Systems gespeichert (Dienst {service}, Konto {name}). Auslesen mit:</translation>
    </message>
    <message>
        <source>Saving to the OS keychain</source>
        <translation>Speichern im Schlüsselbund</translation>
    </message>
    <message>
        <source>Saving to the OS keychain…</source>
        <translation>Wird im Schlüsselbund gespeichert…</translation>
    </message>
    <message>
        <source>Scope</source>
        <translation>Geltungsbereich</translation>
    </message>
    <message>
        <source>The clipboard was cleared; copy the key again</source>
        <translation>Die Zwischenablage wurde geleert; kopieren Sie den Schlüssel erneut</translation>
    </message>
    <message>
        <source>The new key. Copy it with the Copy button, Ctrl+C or a double-click.</source>
        <translation>Der neue Schlüssel. Kopieren Sie ihn mit „Kopieren“, Strg+C oder einem Doppelklick.</translation>
    </message>
    <message>
        <source>Waiting for the OS keychain. If it asks to be unlocked, answer its prompt.</source>
        <translation>Warten auf den Schlüsselbund des Systems. Falls er entsperrt werden möchte, antworten Sie auf seine Abfrage.</translation>
    </message>
    <message>
        <source>You haven't copied the key. It will not be shown again — close anyway?</source>
        <translation>Sie haben den Schlüssel nicht kopiert. Er wird nicht noch einmal angezeigt – trotzdem schließen?</translation>
    </message>
    <message>
        <source>{error} Copy it now: it will not be shown again.</source>
        <translation>{error} Kopieren Sie ihn jetzt: Er wird nicht noch einmal angezeigt.</translation>
    </message>
    <message>
        <source>“{name}” is ready. Its key was stored, not shown.</source>
        <translation>„{name}“ ist bereit. Der Schlüssel wurde gespeichert, nicht angezeigt.</translation>
    </message>
    <message>
        <source>“{name}” is ready. Paste it into the app that will use it.</source>
        <translation>„{name}“ ist bereit. Fügen Sie den Schlüssel in die App ein, die ihn verwenden soll.</translation>
    </message>
    <message>
        <source>“{name}” was created; its key is being stored under service “{service}”.</source>
        <translation>„{name}“ wurde erstellt; der Schlüssel wird unter dem Dienst „{service}“ abgelegt.</translation>
    </message>
</context>
<context>
    <name>RotateKeyDialog</name>
    <message>
        <source>&amp;Expiration</source>
        <translation>&amp;Ablauf</translation>
    </message>
    <message>
        <source>&amp;Overlap</source>
        <translation>Übergangs&amp;zeit</translation>
    </message>
    <message>
        <source>Issue the new token (Enter)</source>
        <translation>Den neuen Token ausstellen (Eingabetaste)</translation>
    </message>
    <message>
        <source>It replaces the old token's entry there.</source>
        <translation>Er ersetzt dort den Eintrag des alten Tokens.</translation>
    </message>
    <message>
        <source>New token &amp;goes to</source>
        <translation>Ziel des neuen &amp;Tokens</translation>
    </message>
    <message>
        <source>Rotate API Key</source>
        <translation>API-Schlüssel rotieren</translation>
    </message>
    <message>
        <source>Rotate API Key “{name}”</source>
        <translation>API-Schlüssel „{name}“ rotieren</translation>
    </message>
    <message>
        <source>Rotate key</source>
        <translation>Schlüssel rotieren</translation>
    </message>
    <message>
        <source>Rotated “{name}”: the old token {key_id} stopped working.</source>
        <translation>„{name}“ rotiert: Der alte Token {key_id} funktioniert nicht mehr.</translation>
    </message>
    <message>
        <source>Rotated “{name}”: the old token {key_id} works until {when}.</source>
        <translation>„{name}“ rotiert: Der alte Token {key_id} funktioniert bis {when}.</translation>
    </message>
    <message>
        <source>Rotating…</source>
        <translation>Wird rotiert…</translation>
    </message>
    <message>
        <source>Same as now (no expiration)</source>
        <translation>Wie bisher (kein Ablauf)</translation>
    </message>
    <message numerus="yes">
        <source>Same lifetime (%n day(s))</source>
        <translation>
            <numerusform>Gleiche Lebensdauer (%n Tag)</numerusform>
            <numerusform>Gleiche Lebensdauer (%n Tage)</numerusform>
        </translation>
    </message>
    <message>
        <source>The key was not rotated. {error}</source>
        <translation>Der Schlüssel wurde nicht rotiert. {error}</translation>
    </message>
    <message>
        <source>“{name}” ({key_id}) gets a new token with the same name, permissions and scope. Put it into your apps before the old one stops.</source>
        <translation>„{name}“ ({key_id}) erhält einen neuen Token mit demselben Namen, denselben Berechtigungen und demselben Geltungsbereich. Setzen Sie ihn in Ihren Apps ein, bevor der alte endet.</translation>
    </message>
</context>
<context>
    <name>RuleMessages</name>
    <message>
        <source>A chosen project was just removed elsewhere; pick the projects again.</source>
        <translation>Ein gewähltes Projekt wurde soeben anderswo entfernt; wählen Sie die Projekte erneut.</translation>
    </message>
    <message>
        <source>A key named {name} already exists; choose another name.</source>
        <translation>Ein Schlüssel namens {name} existiert bereits; wählen Sie einen anderen Namen.</translation>
    </message>
    <message>
        <source>A project named {name} already exists; choose another.</source>
        <translation>Ein Projekt namens {name} existiert bereits; wählen Sie einen anderen Namen.</translation>
    </message>
    <message>
        <source>A rate limit is a number of at least 1 per second, minute or hour.</source>
        <translation>Ein Ratenlimit ist eine Zahl von mindestens 1 pro Sekunde, Minute oder Stunde.</translation>
    </message>
    <message>
        <source>Choose at least one permission.</source>
        <translation>Wählen Sie mindestens eine Berechtigung.</translation>
    </message>
    <message>
        <source>Choose at least one project, or allow the key for all projects.</source>
        <translation>Wählen Sie mindestens ein Projekt oder erlauben Sie den Schlüssel für alle Projekte.</translation>
    </message>
    <message>
        <source>Enter a name for the key.</source>
        <translation>Geben Sie einen Namen für den Schlüssel ein.</translation>
    </message>
    <message>
        <source>Enter a name for the project.</source>
        <translation>Geben Sie einen Namen für das Projekt ein.</translation>
    </message>
    <message>
        <source>Key names may not start with {prefix}: that prefix marks key ids; choose another name.</source>
        <translation>Schlüsselnamen dürfen nicht mit {prefix} beginnen: Dieses Präfix kennzeichnet Schlüssel-IDs; wählen Sie einen anderen Namen.</translation>
    </message>
    <message>
        <source>No OS keychain is available (no Secret Service such as GNOME Keyring or KWallet, macOS Keychain or Windows Credential Locker was found).</source>
        <translation>Kein Schlüsselbund des Systems verfügbar (weder ein Secret Service wie GNOME Keyring oder KWallet noch der macOS-Schlüsselbund oder die Windows-Anmeldeinformationsverwaltung wurde gefunden).</translation>
    </message>
    <message>
        <source>No project named {name}; add it first (Projects page or 'qkeys projects add'), or pick an existing one.</source>
        <translation>Kein Projekt namens {name}; legen Sie es zuerst an (Seite „Projekte“ oder „qkeys projects add“) oder wählen Sie ein bestehendes.</translation>
    </message>
    <message>
        <source>The OS keychain did not answer within {seconds} s while trying to find a keychain (is it locked and waiting for a password in a prompt?).</source>
        <translation>Der Schlüsselbund des Systems hat bei der Suche nach einem Schlüsselbund nicht innerhalb von {seconds} s geantwortet (ist er gesperrt und wartet in einer Abfrage auf ein Passwort?).</translation>
    </message>
    <message>
        <source>The OS keychain is switched off for Python programs (keyring's null backend is configured, e.g. by 'keyring --disable'), so a key saved there would be lost.</source>
        <translation>Der Schlüsselbund des Systems ist für Python-Programme abgeschaltet (das Null-Backend von keyring ist eingestellt, z. B. durch „keyring --disable“), ein dort gespeicherter Schlüssel ginge also verloren.</translation>
    </message>
    <message>
        <source>The description contains a control or invisible character; remove it.</source>
        <translation>Die Beschreibung enthält ein Steuer- oder unsichtbares Zeichen; entfernen Sie es.</translation>
    </message>
    <message>
        <source>The description contains a text-direction control character; remove it.</source>
        <translation>Die Beschreibung enthält ein Steuerzeichen für die Schreibrichtung; entfernen Sie es.</translation>
    </message>
    <message>
        <source>The description contains what looks like a secret token or a piece of one; it is stored in clear and kept in the audit trail, so remove it (if it is not a secret, break the long run of letters and digits with spaces or dashes).</source>
        <translation>Die Beschreibung enthält etwas, das wie ein geheimer Token oder ein Teil davon aussieht; sie wird im Klartext gespeichert und bleibt im Audit-Protokoll, also entfernen Sie es (falls es kein Geheimnis ist, unterbrechen Sie die lange Folge aus Buchstaben und Ziffern mit Leerzeichen oder Bindestrichen).</translation>
    </message>
    <message>
        <source>The description is {length} characters; shorten it to {most} or fewer.</source>
        <translation>Die Beschreibung hat {length} Zeichen; kürzen Sie sie auf höchstens {most}.</translation>
    </message>
    <message>
        <source>The expiration is in the past; choose a later date (tomorrow or after).</source>
        <translation>Der Ablauf liegt in der Vergangenheit; wählen Sie ein späteres Datum (frühestens morgen).</translation>
    </message>
    <message>
        <source>The expiration is more than 10 years away; choose 'never' instead.</source>
        <translation>Der Ablauf liegt mehr als 10 Jahre in der Zukunft; wählen Sie stattdessen „Kein Ablauf“.</translation>
    </message>
    <message>
        <source>The key name contains a control or invisible character; remove it.</source>
        <translation>Der Schlüsselname enthält ein Steuer- oder unsichtbares Zeichen; entfernen Sie es.</translation>
    </message>
    <message>
        <source>The key name contains a text-direction control character; remove it.</source>
        <translation>Der Schlüsselname enthält ein Steuerzeichen für die Schreibrichtung; entfernen Sie es.</translation>
    </message>
    <message>
        <source>The key name contains what looks like a secret token or a piece of one; it is stored in clear and kept in the audit trail, so remove it (if it is not a secret, break the long run of letters and digits with spaces or dashes).</source>
        <translation>Der Schlüsselname enthält etwas, das wie ein geheimer Token oder ein Teil davon aussieht; er wird im Klartext gespeichert und bleibt im Audit-Protokoll, also entfernen Sie es (falls es kein Geheimnis ist, unterbrechen Sie die lange Folge aus Buchstaben und Ziffern mit Leerzeichen oder Bindestrichen).</translation>
    </message>
    <message>
        <source>The key name is made of invisible characters only; type a visible name.</source>
        <translation>Der Schlüsselname besteht nur aus unsichtbaren Zeichen; geben Sie einen sichtbaren Namen ein.</translation>
    </message>
    <message>
        <source>The key name is {length} characters; shorten it to {most} or fewer.</source>
        <translation>Der Schlüsselname hat {length} Zeichen; kürzen Sie ihn auf höchstens {most}.</translation>
    </message>
    <message>
        <source>The keychain backend {backend} is not usable on this system.</source>
        <translation>Das Schlüsselbund-Backend {backend} ist auf diesem System nicht nutzbar.</translation>
    </message>
    <message>
        <source>The keychain backend {backend} is not usable: {detail}</source>
        <translation>Das Schlüsselbund-Backend {backend} ist nicht nutzbar: {detail}</translation>
    </message>
    <message>
        <source>The number of uses must be a whole number from 1 to {most}, or unlimited.</source>
        <translation>Die Anzahl der Nutzungen muss eine ganze Zahl von 1 bis {most} sein oder unbegrenzt.</translation>
    </message>
    <message>
        <source>The project name contains a control or invisible character; remove it.</source>
        <translation>Der Projektname enthält ein Steuer- oder unsichtbares Zeichen; entfernen Sie es.</translation>
    </message>
    <message>
        <source>The project name contains a text-direction control character; remove it.</source>
        <translation>Der Projektname enthält ein Steuerzeichen für die Schreibrichtung; entfernen Sie es.</translation>
    </message>
    <message>
        <source>The project name contains what looks like a secret token or a piece of one; it is stored in clear and kept in the audit trail, so remove it (if it is not a secret, break the long run of letters and digits with spaces or dashes).</source>
        <translation>Der Projektname enthält etwas, das wie ein geheimer Token oder ein Teil davon aussieht; er wird im Klartext gespeichert und bleibt im Audit-Protokoll, also entfernen Sie es (falls es kein Geheimnis ist, unterbrechen Sie die lange Folge aus Buchstaben und Ziffern mit Leerzeichen oder Bindestrichen).</translation>
    </message>
    <message>
        <source>The project name is made of invisible characters only; type a visible name.</source>
        <translation>Der Projektname besteht nur aus unsichtbaren Zeichen; geben Sie einen sichtbaren Namen ein.</translation>
    </message>
    <message>
        <source>The project name is {length} characters; shorten it to {most} or fewer.</source>
        <translation>Der Projektname hat {length} Zeichen; kürzen Sie ihn auf höchstens {most}.</translation>
    </message>
    <message>
        <source>This registry's policy allows keys to live at most {days} days; choose an expiration on or before {date}.</source>
        <translation>Die Richtlinie dieses Schlüsselregisters erlaubt eine Lebensdauer von höchstens {days} Tagen; wählen Sie einen Ablauf am oder vor dem {date}.</translation>
    </message>
    <message>
        <source>This registry's policy requires every key to expire within {days} days; choose an expiration date.</source>
        <translation>Die Richtlinie dieses Schlüsselregisters verlangt, dass jeder Schlüssel innerhalb von {days} Tagen abläuft; wählen Sie ein Ablaufdatum.</translation>
    </message>
    <message>
        <source>This registry's policy requires every key to expire; choose an expiration date.</source>
        <translation>Die Richtlinie dieses Schlüsselregisters verlangt, dass jeder Schlüssel abläuft; wählen Sie ein Ablaufdatum.</translation>
    </message>
    <message>
        <source>“{text}”</source>
        <translation>„{text}“</translation>
    </message>
</context>
<context>
    <name>ScanDialog</name>
    <message numerus="yes">
        <source>%n binary left out</source>
        <translation>
            <numerusform>%n Binärdatei ausgelassen</numerusform>
            <numerusform>%n Binärdateien ausgelassen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n commit(s)</source>
        <translation>
            <numerusform>%n Commit</numerusform>
            <numerusform>%n Commits</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n disabled</source>
        <translation>
            <numerusform>%n deaktiviert</numerusform>
            <numerusform>%n deaktiviert</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n expired</source>
        <translation>
            <numerusform>%n abgelaufen</numerusform>
            <numerusform>%n abgelaufen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s)</source>
        <translation>
            <numerusform>%n Datei</numerusform>
            <numerusform>%n Dateien</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n key(s)</source>
        <translation>
            <numerusform>%n Schlüssel</numerusform>
            <numerusform>%n Schlüsseln</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n key(s) had been deleted or rotated elsewhere meanwhile.</source>
        <translation>
            <numerusform>%n Schlüssel war inzwischen anderswo gelöscht oder rotiert worden.</numerusform>
            <numerusform>%n Schlüssel waren inzwischen anderswo gelöscht oder rotiert worden.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n live</source>
        <translation>
            <numerusform>%n aktiv</numerusform>
            <numerusform>%n aktiv</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n not in this registry</source>
        <translation>
            <numerusform>%n nicht in diesem Schlüsselregister</numerusform>
            <numerusform>%n nicht in diesem Schlüsselregister</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n revoked</source>
        <translation>
            <numerusform>%n widerrufen</numerusform>
            <numerusform>%n widerrufen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n rotated</source>
        <translation>
            <numerusform>%n rotiert</numerusform>
            <numerusform>%n rotiert</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n rotating</source>
        <translation>
            <numerusform>%n in Rotation</numerusform>
            <numerusform>%n in Rotation</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n token(s)</source>
        <translation>
            <numerusform>%n Token</numerusform>
            <numerusform>%n Tokens</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Folder</source>
        <translation>&amp;Ordner</translation>
    </message>
    <message>
        <source>A rotation replaced this token {date}: it no longer works.</source>
        <translation>Eine Rotation hat diesen Token am {date} ersetzt: Er funktioniert nicht mehr.</translation>
    </message>
    <message>
        <source>A rotation replaced this token, which works on until {date}; the key is now {key_id}. Revoke it.</source>
        <translation>Eine Rotation hat diesen Token ersetzt, er funktioniert noch bis {date}; der Schlüssel ist jetzt {key_id}. Widerrufen Sie ihn.</translation>
    </message>
    <message>
        <source>A token counts as its key's when its checksum holds and its key ID is the key's; whether its secret is the key's own is not checked (that would count as a use of the key).</source>
        <translation>Ein Token gilt als der eines Schlüssels, wenn seine Prüfsumme stimmt und seine Schlüssel-ID die des Schlüssels ist; ob sein Geheimnis das des Schlüssels ist, wird nicht geprüft (das würde als Nutzung des Schlüssels zählen).</translation>
    </message>
    <message>
        <source>A well-formed qkeys token of a key this registry does not have (another registry's, or a test's).</source>
        <translation>Ein gültig geformter qkeys-Token eines Schlüssels, den dieses Schlüsselregister nicht hat (aus einem anderen Schlüsselregister oder einem Test).</translation>
    </message>
    <message>
        <source>Also read every commit of every branch: a token deleted since stays in the history</source>
        <translation>Auch jeden Commit jedes Branches lesen: Ein inzwischen gelöschter Token bleibt in der Historie</translation>
    </message>
    <message>
        <source>Apps using them lose access at once. This cannot be undone; the tokens stay where they were found until you remove them.</source>
        <translation>Apps, die sie verwenden, verlieren sofort den Zugriff. Dies kann nicht rückgängig gemacht werden; die Tokens bleiben, wo sie gefunden wurden, bis Sie sie entfernen.</translation>
    </message>
    <message>
        <source>Choose a folder to scan</source>
        <translation>Einen Ordner zum Durchsuchen wählen</translation>
    </message>
    <message>
        <source>Choose a folder, then Scan (Enter).</source>
        <translation>Wählen Sie einen Ordner, dann Durchsuchen (Eingabetaste).</translation>
    </message>
    <message>
        <source>Choose a folder…</source>
        <translation>Ordner wählen…</translation>
    </message>
    <message>
        <source>Choose folder</source>
        <translation>Ordner wählen</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Wählen…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Close (Esc)</source>
        <translation>Schließen (Esc)</translation>
    </message>
    <message>
        <source>Disabled</source>
        <translation>Deaktiviert</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>Abgelaufen</translation>
    </message>
    <message>
        <source>Finds this registry's tokens in a folder's files (and its git history) by their format and checksum, offline. Tokens are never shown: only where they are and whose they are.</source>
        <translation>Findet Tokens dieses Schlüsselregisters in den Dateien eines Ordners (und seiner Git-Historie) anhand von Format und Prüfsumme, offline. Tokens werden nie angezeigt: nur, wo sie liegen und zu wem sie gehören.</translation>
    </message>
    <message>
        <source>Folder to scan</source>
        <translation>Zu durchsuchender Ordner</translation>
    </message>
    <message>
        <source>Include git &amp;history</source>
        <translation>Git-&amp;Historie einbeziehen</translation>
    </message>
    <message>
        <source>Include git history</source>
        <translation>Git-Historie einbeziehen</translation>
    </message>
    <message numerus="yes">
        <source>It was found in {places} and %n more.</source>
        <translation>
            <numerusform>Er wurde gefunden in {places} und %n weiterer Stelle.</numerusform>
            <numerusform>Er wurde gefunden in {places} und %n weiteren Stellen.</numerusform>
        </translation>
    </message>
    <message>
        <source>It was found in {places}.</source>
        <translation>Er wurde gefunden in {places}.</translation>
    </message>
    <message>
        <source>Live</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <source>No leaked tokens</source>
        <translation>Keine veröffentlichten Tokens</translation>
    </message>
    <message>
        <source>No qkeys token found in {scanned}.</source>
        <translation>Kein qkeys-Token in {scanned} gefunden.</translation>
    </message>
    <message>
        <source>No token of any key was found here.</source>
        <translation>Hier wurde kein Token eines Schlüssels gefunden.</translation>
    </message>
    <message>
        <source>Not in this registry</source>
        <translation>Nicht in diesem Schlüsselregister</translation>
    </message>
    <message>
        <source>Not scanned: {paths}</source>
        <translation>Nicht durchsucht: {paths}</translation>
    </message>
    <message numerus="yes">
        <source>Not scanned: {paths}; and %n more</source>
        <translation>
            <numerusform>Nicht durchsucht: {paths}; und %n weiterer</numerusform>
            <numerusform>Nicht durchsucht: {paths}; und %n weitere</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing scanned yet</source>
        <translation>Noch nichts durchsucht</translation>
    </message>
    <message>
        <source>Nothing was revoked</source>
        <translation>Nichts wurde widerrufen</translation>
    </message>
    <message>
        <source>Offered when the folder is the top of a git repository</source>
        <translation>Verfügbar, wenn der Ordner die oberste Ebene eines Git-Repositorys ist</translation>
    </message>
    <message>
        <source>Pick the folder to scan</source>
        <translation>Den zu durchsuchenden Ordner auswählen</translation>
    </message>
    <message>
        <source>Revoke</source>
        <translation>Widerrufen</translation>
    </message>
    <message numerus="yes">
        <source>Revoke %n leaked key(s)?</source>
        <translation>
            <numerusform>%n veröffentlichten Schlüssel widerrufen?</numerusform>
            <numerusform>%n veröffentlichte Schlüssel widerrufen?</numerusform>
        </translation>
    </message>
    <message>
        <source>Revoke the API key “{name}” ({key_id})?

{places}</source>
        <translation>Den API-Schlüssel „{name}“ ({key_id}) widerrufen?

{places}</translation>
    </message>
    <message>
        <source>Revoke the live keys of the selected rows at once (Del)</source>
        <translation>Die aktiven Schlüssel der ausgewählten Zeilen sofort widerrufen (Entf)</translation>
    </message>
    <message numerus="yes">
        <source>Revoke these %n API keys?

{keys}</source>
        <translation>
            <numerusform>Diese %n API-Schlüssel widerrufen?

{keys}</numerusform>
            <numerusform>Diese %n API-Schlüssel widerrufen?

{keys}</numerusform>
        </translation>
    </message>
    <message>
        <source>Revoked</source>
        <translation>Widerrufen</translation>
    </message>
    <message numerus="yes">
        <source>Revoked %n leaked key(s); they no longer work.</source>
        <translation>
            <numerusform>%n veröffentlichter Schlüssel widerrufen; er funktioniert nicht mehr.</numerusform>
            <numerusform>%n veröffentlichte Schlüssel widerrufen; sie funktionieren nicht mehr.</numerusform>
        </translation>
    </message>
    <message>
        <source>Revoked the leaked key “{name}”; it no longer works.</source>
        <translation>Den veröffentlichten Schlüssel „{name}“ widerrufen; er funktioniert nicht mehr.</translation>
    </message>
    <message>
        <source>Revoke…</source>
        <translation>Widerrufen…</translation>
    </message>
    <message>
        <source>Rotated</source>
        <translation>Rotiert</translation>
    </message>
    <message>
        <source>Rotating</source>
        <translation>In Rotation</translation>
    </message>
    <message>
        <source>Scan</source>
        <translation>Durchsuchen</translation>
    </message>
    <message>
        <source>Scan for leaked keys</source>
        <translation>Nach veröffentlichten Schlüsseln suchen</translation>
    </message>
    <message>
        <source>Scan stopped.</source>
        <translation>Suche angehalten.</translation>
    </message>
    <message>
        <source>Scan the folder (Enter)</source>
        <translation>Den Ordner durchsuchen (Eingabetaste)</translation>
    </message>
    <message>
        <source>Scanned {scanned}: {tokens} of {keys} ({statuses}).</source>
        <translation>{scanned} durchsucht: {tokens} von {keys} ({statuses}).</translation>
    </message>
    <message>
        <source>Scanning… {files} read</source>
        <translation>Suche läuft… {files} gelesen</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Anhalten</translation>
    </message>
    <message>
        <source>Stop scanning</source>
        <translation>Suche anhalten</translation>
    </message>
    <message>
        <source>Stop the scan; nothing found so far is kept</source>
        <translation>Die Suche anhalten; bisher Gefundenes wird verworfen</translation>
    </message>
    <message>
        <source>The folder whose files are read (its subfolders too; not .git)</source>
        <translation>Der Ordner, dessen Dateien gelesen werden (auch Unterordner; nicht .git)</translation>
    </message>
    <message>
        <source>The key expired {date}: the token no longer works.</source>
        <translation>Der Schlüssel ist am {date} abgelaufen: Der Token funktioniert nicht mehr.</translation>
    </message>
    <message>
        <source>The key is paused, but anyone may enable it again. Revoke it.</source>
        <translation>Der Schlüssel ist pausiert, aber jeder kann ihn wieder aktivieren. Widerrufen Sie ihn.</translation>
    </message>
    <message>
        <source>The key was revoked {date}: the token no longer works.</source>
        <translation>Der Schlüssel wurde am {date} widerrufen: Der Token funktioniert nicht mehr.</translation>
    </message>
    <message>
        <source>The key works: anyone holding this token can use it. Revoke it.</source>
        <translation>Der Schlüssel funktioniert: Jeder mit diesem Token kann ihn nutzen. Widerrufen Sie ihn.</translation>
    </message>
    <message>
        <source>The scan failed: {error}</source>
        <translation>Die Suche ist fehlgeschlagen: {error}</translation>
    </message>
    <message>
        <source>Tokens found</source>
        <translation>Gefundene Tokens</translation>
    </message>
    <message>
        <source>larger than {size}; not scanned</source>
        <translation>größer als {size}; nicht durchsucht</translation>
    </message>
    <message>
        <source>not a regular file</source>
        <translation>keine reguläre Datei</translation>
    </message>
    <message>
        <source>{files} and {commits}</source>
        <translation>{files} und {commits}</translation>
    </message>
    <message>
        <source>{files}, {commits}</source>
        <translation>{files}, {commits}</translation>
    </message>
    <message>
        <source>{path} ({reason})</source>
        <translation>{path} ({reason})</translation>
    </message>
    <message>
        <source>{scanned} ({binary})</source>
        <translation>{scanned} ({binary})</translation>
    </message>
</context>
<context>
    <name>ScanResultsModel</name>
    <message>
        <source>Added by commit {commit} to {path}, line {line}</source>
        <translation>Durch Commit {commit} zu {path} hinzugefügt, Zeile {line}</translation>
    </message>
    <message>
        <source>Key ID</source>
        <translation>Schlüssel-ID</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>Fundort</translation>
    </message>
</context>
<context>
    <name>SecretScrubber</name>
    <message>
        <source>Searching by the key ID in that secret token, {key_id}; the token itself is not shown or kept.</source>
        <translation>Gesucht wird nach der Schlüssel-ID aus diesem geheimen Token, {key_id}; das Token selbst wird weder angezeigt noch behalten.</translation>
    </message>
    <message>
        <source>That looked like a secret, so it was not kept in the search field; search by name or key ID instead.</source>
        <translation>Das sah nach einem Geheimnis aus und wurde deshalb nicht im Suchfeld behalten; suchen Sie stattdessen nach Name oder Schlüssel-ID.</translation>
    </message>
    <message>
        <source>That looked like a secret: search by name or key ID</source>
        <translation>Das sah nach einem Geheimnis aus: nach Name oder Schlüssel-ID suchen</translation>
    </message>
</context>
<context>
    <name>SecureClipboard</name>
    <message>
        <source>Clipboard cleared</source>
        <translation>Zwischenablage geleert</translation>
    </message>
    <message>
        <source>Key copied to the clipboard</source>
        <translation>Schlüssel in die Zwischenablage kopiert</translation>
    </message>
    <message>
        <source>Key copied — clipboard clears in {seconds} s</source>
        <translation>Schlüssel kopiert — Zwischenablage wird in {seconds} s geleert</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source> s</source>
        <comment>the unit after a number of seconds</comment>
        <translation> s</translation>
    </message>
    <message>
        <source>A desktop notification when qkeys starts, and once a day while it runs, about keys that expire within a week or have just expired.</source>
        <translation>Eine Desktop-Benachrichtigung beim Start von qkeys und einmal täglich, solange es läuft, über Schlüssel, die innerhalb einer Woche ablaufen oder gerade abgelaufen sind.</translation>
    </message>
    <message>
        <source>Clear copied keys after:</source>
        <translation>Kopierte Schlüssel entfernen nach:</translation>
    </message>
    <message>
        <source>Clear the clipboard after, in seconds</source>
        <translation>Zwischenablage leeren nach, in Sekunden</translation>
    </message>
    <message>
        <source>Clipboard</source>
        <translation>Zwischenablage</translation>
    </message>
    <message>
        <source>Copy to clipboard</source>
        <translation>In die Zwischenablage kopieren</translation>
    </message>
    <message>
        <source>Default delivery</source>
        <translation>Übergabe neuer Schlüssel</translation>
    </message>
    <message>
        <source>Default delivery:</source>
        <translation>Übergabe:</translation>
    </message>
    <message>
        <source>Default expiration</source>
        <translation>Standardablauf</translation>
    </message>
    <message>
        <source>Default expiration:</source>
        <translation>Standardablauf:</translation>
    </message>
    <message>
        <source>Discard changes</source>
        <translation>Änderungen verwerfen</translation>
    </message>
    <message>
        <source>Expiry:</source>
        <translation>Ablauf:</translation>
    </message>
    <message>
        <source>Keychain service name</source>
        <translation>Dienstname im Schlüsselbund</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>Sprache:</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>Nie</translation>
    </message>
    <message>
        <source>New keys</source>
        <translation>Neue Schlüssel</translation>
    </message>
    <message>
        <source>Notify me when keys are about to expire</source>
        <translation>Benachrichtigen, wenn Schlüssel bald ablaufen</translation>
    </message>
    <message>
        <source>OS keychain</source>
        <translation>Schlüsselbund des Systems</translation>
    </message>
    <message>
        <source>Only a key qkeys copied is cleared, never what you copied since.</source>
        <translation>Entfernt wird nur ein von qkeys kopierter Schlüssel, nie, was Sie seitdem kopiert haben.</translation>
    </message>
    <message>
        <source>Preselected in the Create API Key dialog.</source>
        <translation>Vorausgewählt im Dialog „API-Schlüssel erstellen“.</translation>
    </message>
    <message>
        <source>Read a saved key back with: {command}</source>
        <translation>Einen gespeicherten Schlüssel auslesen mit: {command}</translation>
    </message>
    <message>
        <source>Reminders</source>
        <translation>Erinnerungen</translation>
    </message>
    <message>
        <source>Save settings</source>
        <translation>Einstellungen speichern</translation>
    </message>
    <message>
        <source>Save to OS keychain</source>
        <translation>Im Schlüsselbund speichern</translation>
    </message>
    <message>
        <source>Seconds after which a copied key is removed from the clipboard, unless something else was copied since. 0 means never.</source>
        <translation>Sekunden, nach denen ein kopierter Schlüssel aus der Zwischenablage entfernt wird, sofern seitdem nichts anderes kopiert wurde. 0 bedeutet nie.</translation>
    </message>
    <message>
        <source>Service name:</source>
        <translation>Dienstname:</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>System default ({language})</source>
        <translation>Systemstandard ({language})</translation>
    </message>
    <message>
        <source>Takes effect when qkeys restarts.</source>
        <translation>Wirkt nach einem Neustart von qkeys.</translation>
    </message>
    <message>
        <source>The service under which keys are saved; the account is the key's name.</source>
        <translation>Der Dienst, unter dem Schlüssel gespeichert werden; das Konto ist der Name des Schlüssels.</translation>
    </message>
    <message>
        <source>Where a new key goes once it is created.</source>
        <translation>Wohin ein neuer Schlüssel nach dem Erstellen geht.</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>Alt + the underlined letter</source>
        <translation>Alt + der unterstrichene Buchstabe</translation>
    </message>
    <message>
        <source>Clear the search (again: back to the list)</source>
        <translation>Suche leeren (erneut: zurück zur Liste)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Close this window (Esc)</source>
        <translation>Dieses Fenster schließen (Esc)</translation>
    </message>
    <message>
        <source>Keyboard Shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Tasten</translation>
    </message>
    <message>
        <source>Lists and fields</source>
        <translation>Listen und Felder</translation>
    </message>
    <message>
        <source>Next or previous control (out of a list too)</source>
        <translation>Nächstes oder vorheriges Bedienelement (auch aus einer Liste heraus)</translation>
    </message>
    <message>
        <source>Next or previous row of a list</source>
        <translation>Nächste oder vorherige Zeile einer Liste</translation>
    </message>
    <message>
        <source>Open a menu, press a button</source>
        <translation>Menü öffnen, Schaltfläche drücken</translation>
    </message>
    <message>
        <source>Select several rows</source>
        <translation>Mehrere Zeilen auswählen</translation>
    </message>
    <message>
        <source>The menus show the same keys beside their items.</source>
        <translation>Die Menüs zeigen dieselben Tasten neben ihren Einträgen.</translation>
    </message>
    <message>
        <source>What each key does, by menu</source>
        <translation>Was jede Taste bewirkt, nach Menü</translation>
    </message>
</context>
<context>
    <name>Startup</name>
    <message>
        <source>Choose another registry in Settings, or use your own registry on this computer ({path}).</source>
        <translation>Wählen Sie in den Einstellungen ein anderes Schlüsselregister oder verwenden Sie Ihr eigenes auf diesem Computer ({path}).</translation>
    </message>
    <message>
        <source>Choose another registry in Settings.</source>
        <translation>Wählen Sie in den Einstellungen ein anderes Schlüsselregister.</translation>
    </message>
    <message>
        <source>Open Settings…</source>
        <translation>Einstellungen öffnen…</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
    <message>
        <source>Use the Default Registry</source>
        <translation>Standardregister verwenden</translation>
    </message>
    <message>
        <source>chosen in Settings</source>
        <translation>in den Einstellungen gewählt</translation>
    </message>
    <message>
        <source>given with --db</source>
        <translation>mit --db angegeben</translation>
    </message>
    <message>
        <source>named by ${variable}</source>
        <translation>durch ${variable} angegeben</translation>
    </message>
    <message>
        <source>qkeys cannot open the registry</source>
        <translation>qkeys kann das Schlüsselregister nicht öffnen</translation>
    </message>
    <message>
        <source>qkeys cannot open the registry {target} ({origin}).</source>
        <translation>qkeys kann das Schlüsselregister {target} ({origin}) nicht öffnen.</translation>
    </message>
    <message>
        <source>qkeys cannot open the registry {target}.</source>
        <translation>qkeys kann das Schlüsselregister {target} nicht öffnen.</translation>
    </message>
    <message>
        <source>the default registry</source>
        <translation>das Standardregister</translation>
    </message>
</context>
<context>
    <name>TaskRunner</name>
    <message>
        <source>Unexpected error ({error_type}). Nothing was changed; please try again.</source>
        <translation>Unerwarteter Fehler ({error_type}). Es wurde nichts geändert; bitte versuchen Sie es erneut.</translation>
    </message>
</context>
<context>
    <name>TypedConfirmDialog</name>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Enabled once you have typed what is asked above</source>
        <translation>Aktiv, sobald Sie oben das Verlangte eingegeben haben</translation>
    </message>
    <message>
        <source>Keep everything as it is</source>
        <translation>Alles so lassen, wie es ist</translation>
    </message>
</context>
<context>
    <name>UsageChart</name>
    <message numerus="yes">
        <source>Last %n days: {valid} valid and {rejected} rejected verifications; the busiest day was {day} with {count}.</source>
        <translation>
            <numerusform>Letzter Tag: {valid} gültige und {rejected} abgewiesene Prüfungen; der meiste Betrieb war am {day} mit {count}.</numerusform>
            <numerusform>Letzte %n Tage: {valid} gültige und {rejected} abgewiesene Prüfungen; der meiste Betrieb war am {day} mit {count}.</numerusform>
        </translation>
    </message>
    <message>
        <source>No verifications in the last 30 days</source>
        <translation>Keine Prüfungen in den letzten 30 Tagen</translation>
    </message>
    <message>
        <source>No verifications in the last 30 days.</source>
        <translation>Keine Prüfungen in den letzten 30 Tagen.</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Abgewiesen</translation>
    </message>
    <message>
        <source>Valid</source>
        <translation>Gültig</translation>
    </message>
    <message>
        <source>Verifications per day</source>
        <translation>Prüfungen pro Tag</translation>
    </message>
    <message>
        <source>{day}: {valid} valid, {rejected} rejected</source>
        <translation>{day}: {valid} gültig, {rejected} abgewiesen</translation>
    </message>
</context>
<context>
    <name>Wording</name>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n Tag</numerusform>
            <numerusform>%n Tage</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) ago</source>
        <translation>
            <numerusform>vor %n Tag</numerusform>
            <numerusform>vor %n Tagen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n hour(s) ago</source>
        <translation>
            <numerusform>vor %n Stunde</numerusform>
            <numerusform>vor %n Stunden</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n min ago</source>
        <translation>
            <numerusform>vor %n Min.</numerusform>
            <numerusform>vor %n Min.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n year(s)</source>
        <translation>
            <numerusform>%n Jahr</numerusform>
            <numerusform>%n Jahre</numerusform>
        </translation>
    </message>
    <message>
        <source>All</source>
        <comment>every permission</comment>
        <translation>Alle</translation>
    </message>
    <message>
        <source>All projects</source>
        <translation>Alle Projekte</translation>
    </message>
    <message>
        <source>Any project</source>
        <translation>Jedes Projekt</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>Erstellen</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>Abgelaufen</translation>
    </message>
    <message>
        <source>Invite</source>
        <translation>Einladen</translation>
    </message>
    <message>
        <source>MMM d, yyyy</source>
        <translation>d. MMM yyyy</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>Nie</translation>
    </message>
    <message>
        <source>No expiration</source>
        <translation>Kein Ablauf</translation>
    </message>
    <message>
        <source>Read</source>
        <translation>Lesen</translation>
    </message>
    <message>
        <source>Write</source>
        <translation>Schreiben</translation>
    </message>
    <message numerus="yes">
        <source>and %n more</source>
        <translation>
            <numerusform>und %n weitere</numerusform>
            <numerusform>und %n weitere</numerusform>
        </translation>
    </message>
    <message>
        <source>dddd, MMMM d, yyyy</source>
        <translation>dddd, d. MMMM yyyy</translation>
    </message>
    <message numerus="yes">
        <source>in %n day(s)</source>
        <translation>
            <numerusform>in %n Tag</numerusform>
            <numerusform>in %n Tagen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>in %n hour(s)</source>
        <translation>
            <numerusform>in %n Stunde</numerusform>
            <numerusform>in %n Stunden</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>in %n min</source>
        <translation>
            <numerusform>in %n Min.</numerusform>
            <numerusform>in %n Min.</numerusform>
        </translation>
    </message>
    <message>
        <source>just now</source>
        <translation>gerade eben</translation>
    </message>
    <message>
        <source>yesterday</source>
        <translation>gestern</translation>
    </message>
    <message numerus="yes">
        <source>{date} (in %n day(s))</source>
        <translation>
            <numerusform>{date} (in %n Tag)</numerusform>
            <numerusform>{date} (in %n Tagen)</numerusform>
        </translation>
    </message>
    <message>
        <source>{date} (today)</source>
        <translation>{date} (heute)</translation>
    </message>
    <message>
        <source>{date} (tomorrow)</source>
        <translation>{date} (morgen)</translation>
    </message>
    <message>
        <source>{day} at {time}</source>
        <translation>{day} um {time}</translation>
    </message>
</context>
</TS>
