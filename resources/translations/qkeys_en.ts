<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="en">
<context>
    <name>ActivityPage</name>
    <message numerus="yes">
        <source>%n event(s)</source>
        <translation>
            <numerusform>%n event</numerusform>
            <numerusform>%n events</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{shown} of %n event(s)</source>
        <translation>
            <numerusform>{shown} of %n event</numerusform>
            <numerusform>{shown} of %n events</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DatabaseSection</name>
    <message numerus="yes">
        <source>Connected to {engine}: a qkeys registry with %n key(s).</source>
        <translation>
            <numerusform>Connected to {engine}: a qkeys registry with %n key.</numerusform>
            <numerusform>Connected to {engine}: a qkeys registry with %n keys.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Delivery</name>
    <message numerus="yes">
        <source>Removed %n key(s) from the OS keychain.</source>
        <translation>
            <numerusform>Removed %n key from the OS keychain.</numerusform>
            <numerusform>Removed %n keys from the OS keychain.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>EventDetails</name>
    <message numerus="yes">
        <source>%Ln use(s)</source>
        <translation>
            <numerusform>%Ln use</numerusform>
            <numerusform>%Ln uses</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>found in {places} and %n more</source>
        <translation>
            <numerusform>found in {places} and %n more</numerusform>
            <numerusform>found in {places} and %n more</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>keys live at most %n day(s)</source>
        <translation>
            <numerusform>keys live at most %n day</numerusform>
            <numerusform>keys live at most %n days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>narrowed %n key(s)</source>
        <translation>
            <numerusform>narrowed %n key</numerusform>
            <numerusform>narrowed %n keys</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ExpirationField</name>
    <message numerus="yes">
        <source>Expires on {date} — this registry allows at most %n day(s)</source>
        <translation>
            <numerusform>Expires on {date} — this registry allows at most %n day</numerusform>
            <numerusform>Expires on {date} — this registry allows at most %n days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>This registry's policy allows keys to live at most %n day(s).</source>
        <translation>
            <numerusform>This registry's policy allows keys to live at most %n day.</numerusform>
            <numerusform>This registry's policy allows keys to live at most %n days.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ExpiryReminders</name>
    <message numerus="yes">
        <source>%n API key(s) expired</source>
        <translation>
            <numerusform>%n API key expired</numerusform>
            <numerusform>%n API keys expired</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n API key(s) will expire soon</source>
        <translation>
            <numerusform>%n API key will expire soon</numerusform>
            <numerusform>%n API keys will expire soon</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{keys} and %n more</source>
        <translation>
            <numerusform>{keys} and %n more</numerusform>
            <numerusform>{keys} and %n more</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>KeyDetailsDialog</name>
    <message numerus="yes">
        <source>%n other(s)</source>
        <translation>
            <numerusform>%n other</numerusform>
            <numerusform>%n others</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Usage (last %n days)</source>
        <translation>
            <numerusform>Usage (last %n days)</numerusform>
            <numerusform>Usage (last %n days)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>⚠ It lives longer than the policy's %n days (flagged, not changed)</source>
        <translation>
            <numerusform>⚠ It lives longer than the policy's %n days (flagged, not changed)</numerusform>
            <numerusform>⚠ It lives longer than the policy's %n days (flagged, not changed)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>KeyTableModel</name>
    <message numerus="yes">
        <source>%Ln valid check(s) in the last 30 days</source>
        <translation>
            <numerusform>%Ln valid check in the last 30 days</numerusform>
            <numerusform>%Ln valid checks in the last 30 days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Not used for %n day(s): a candidate for deletion</source>
        <translation>
            <numerusform>Not used for %n day: a candidate for deletion</numerusform>
            <numerusform>Not used for %n days: a candidate for deletion</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Outside this registry's policy: it lives longer than the policy's %n day(s) ({policy}). Edit or rotate it to bring it in line.</source>
        <translation>
            <numerusform>Outside this registry's policy: it lives longer than the policy's %n day ({policy}). Edit or rotate it to bring it in line.</numerusform>
            <numerusform>Outside this registry's policy: it lives longer than the policy's %n days ({policy}). Edit or rotate it to bring it in line.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Rotating · %n day(s)</source>
        <translation>
            <numerusform>Rotating · %n day</numerusform>
            <numerusform>Rotating · %n days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Rotating · %n h</source>
        <translation>
            <numerusform>Rotating · %n h</numerusform>
            <numerusform>Rotating · %n h</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Rotating · %n min</source>
        <translation>
            <numerusform>Rotating · %n min</numerusform>
            <numerusform>Rotating · %n min</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Rotating — old token stops in %n day(s)</source>
        <translation>
            <numerusform>Rotating — old token stops in %n day</numerusform>
            <numerusform>Rotating — old token stops in %n days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Rotating — old token stops in %n h</source>
        <translation>
            <numerusform>Rotating — old token stops in %n h</numerusform>
            <numerusform>Rotating — old token stops in %n h</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Rotating — old token stops in %n min</source>
        <translation>
            <numerusform>Rotating — old token stops in %n min</numerusform>
            <numerusform>Rotating — old token stops in %n min</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>keys live at most %n day(s)</source>
        <translation>
            <numerusform>keys live at most %n day</numerusform>
            <numerusform>keys live at most %n days</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>KeysPage</name>
    <message numerus="yes">
        <source>%n key(s) expired</source>
        <translation>
            <numerusform>%n key expired</numerusform>
            <numerusform>%n keys expired</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n key(s) expired, {expiring} expiring within 7 days</source>
        <translation>
            <numerusform>%n key expired, {expiring} expiring within 7 days</numerusform>
            <numerusform>%n keys expired, {expiring} expiring within 7 days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n key(s) expiring within 7 days</source>
        <translation>
            <numerusform>%n key expiring within 7 days</numerusform>
            <numerusform>%n keys expiring within 7 days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n key(s) were already deleted elsewhere.</source>
        <translation>
            <numerusform>%n key were already deleted elsewhere.</numerusform>
            <numerusform>%n keys were already deleted elsewhere.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delete %n Key(s)</source>
        <translation>
            <numerusform>Delete %n Key</numerusform>
            <numerusform>Delete %n Keys</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delete these %n API key(s)?</source>
        <translation>
            <numerusform>Delete these %n API key?</numerusform>
            <numerusform>Delete these %n API keys?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Deleted %n key(s); they no longer work.</source>
        <translation>
            <numerusform>Deleted %n key; they no longer work.</numerusform>
            <numerusform>Deleted %n keys; they no longer work.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Disabled %n key(s): apps using them are refused until enabled again.</source>
        <translation>
            <numerusform>Disabled %n key: apps using them are refused until enabled again.</numerusform>
            <numerusform>Disabled %n keys: apps using them are refused until enabled again.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Enabled %n key(s): apps can use them again.</source>
        <translation>
            <numerusform>Enabled %n key: apps can use them again.</numerusform>
            <numerusform>Enabled %n keys: apps can use them again.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LimitsField</name>
    <message numerus="yes">
        <source>%Ln use(s)</source>
        <translation>
            <numerusform>%Ln use</numerusform>
            <numerusform>%Ln uses</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln use(s), refilled daily</source>
        <translation>
            <numerusform>%Ln use, refilled daily</numerusform>
            <numerusform>%Ln uses, refilled daily</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln use(s), refilled monthly</source>
        <translation>
            <numerusform>%Ln use, refilled monthly</numerusform>
            <numerusform>%Ln uses, refilled monthly</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <source>%Ln key(s)</source>
        <translation>
            <numerusform>%Ln key</numerusform>
            <numerusform>%Ln keys</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{shown} of %Ln key(s)</source>
        <translation>
            <numerusform>{shown} of %Ln key</numerusform>
            <numerusform>{shown} of %Ln keys</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OverlapField</name>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n day</numerusform>
            <numerusform>%n days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n hour(s)</source>
        <translation>
            <numerusform>%n hour</numerusform>
            <numerusform>%n hours</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PolicySection</name>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n day</numerusform>
            <numerusform>%n days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n existing key(s) outside this policy ({keys}). They keep working and are flagged in the keys table; nothing is changed.</source>
        <translation>
            <numerusform>%n existing key outside this policy ({keys}). They keep working and are flagged in the keys table; nothing is changed.</numerusform>
            <numerusform>%n existing keys outside this policy ({keys}). They keep working and are flagged in the keys table; nothing is changed.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{keys} and %n more</source>
        <translation>
            <numerusform>{keys} and %n more</numerusform>
            <numerusform>{keys} and %n more</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ProjectNameDialog</name>
    <message numerus="yes">
        <source>Apps that pass “{old}” will be refused by the %n key(s) limited to it once it is renamed: update them to pass {new} instead.</source>
        <translation>
            <numerusform>Apps that pass “{old}” will be refused by the %n key limited to it once it is renamed: update them to pass {new} instead.</numerusform>
            <numerusform>Apps that pass “{old}” will be refused by the %n keys limited to it once it is renamed: update them to pass {new} instead.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ProjectTableModel</name>
    <message numerus="yes">
        <source>%n key(s)</source>
        <translation>
            <numerusform>%n key</numerusform>
            <numerusform>%n keys</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n key(s) limited to {name}</source>
        <translation>
            <numerusform>%n key limited to {name}</numerusform>
            <numerusform>%n keys limited to {name}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ProjectsPage</name>
    <message numerus="yes">
        <source>%n key(s) limited to “{name}” will change. Remove it anyway?</source>
        <translation>
            <numerusform>%n key limited to “{name}” will change. Remove it anyway?</numerusform>
            <numerusform>%n keys limited to “{name}” will change. Remove it anyway?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n project(s)</source>
        <translation>
            <numerusform>%n project</numerusform>
            <numerusform>%n projects</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>“{name}” is taken out of the scope of %n key(s).</source>
        <translation>
            <numerusform>“{name}” is taken out of the scope of %n key.</numerusform>
            <numerusform>“{name}” is taken out of the scope of %n keys.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RotateKeyDialog</name>
    <message numerus="yes">
        <source>Same lifetime (%n day(s))</source>
        <translation>
            <numerusform>Same lifetime (%n day)</numerusform>
            <numerusform>Same lifetime (%n days)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ScanDialog</name>
    <message numerus="yes">
        <source>%n binary left out</source>
        <translation>
            <numerusform>%n binary left out</numerusform>
            <numerusform>%n binary left out</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n commit(s)</source>
        <translation>
            <numerusform>%n commit</numerusform>
            <numerusform>%n commits</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n disabled</source>
        <translation>
            <numerusform>%n disabled</numerusform>
            <numerusform>%n disabled</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n expired</source>
        <translation>
            <numerusform>%n expired</numerusform>
            <numerusform>%n expired</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s)</source>
        <translation>
            <numerusform>%n file</numerusform>
            <numerusform>%n files</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n key(s)</source>
        <translation>
            <numerusform>%n key</numerusform>
            <numerusform>%n keys</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n key(s) had been deleted or rotated elsewhere meanwhile.</source>
        <translation>
            <numerusform>%n key had been deleted or rotated elsewhere meanwhile.</numerusform>
            <numerusform>%n keys had been deleted or rotated elsewhere meanwhile.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n live</source>
        <translation>
            <numerusform>%n live</numerusform>
            <numerusform>%n live</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n not in this registry</source>
        <translation>
            <numerusform>%n not in this registry</numerusform>
            <numerusform>%n not in this registry</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n revoked</source>
        <translation>
            <numerusform>%n revoked</numerusform>
            <numerusform>%n revoked</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n rotated</source>
        <translation>
            <numerusform>%n rotated</numerusform>
            <numerusform>%n rotated</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n rotating</source>
        <translation>
            <numerusform>%n rotating</numerusform>
            <numerusform>%n rotating</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n token(s)</source>
        <translation>
            <numerusform>%n token</numerusform>
            <numerusform>%n tokens</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>It was found in {places} and %n more.</source>
        <translation>
            <numerusform>It was found in {places} and %n more.</numerusform>
            <numerusform>It was found in {places} and %n more.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Not scanned: {paths}; and %n more</source>
        <translation>
            <numerusform>Not scanned: {paths}; and %n more</numerusform>
            <numerusform>Not scanned: {paths}; and %n more</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Revoke %n leaked key(s)?</source>
        <translation>
            <numerusform>Revoke %n leaked key?</numerusform>
            <numerusform>Revoke %n leaked keys?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Revoke these %n API keys?

{keys}</source>
        <translation>
            <numerusform>Revoke these %n API keys?

{keys}</numerusform>
            <numerusform>Revoke these %n API keys?

{keys}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Revoked %n leaked key(s); they no longer work.</source>
        <translation>
            <numerusform>Revoked %n leaked key; they no longer work.</numerusform>
            <numerusform>Revoked %n leaked keys; they no longer work.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>UsageChart</name>
    <message numerus="yes">
        <source>Last %n days: {valid} valid and {rejected} rejected verifications; the busiest day was {day} with {count}.</source>
        <translation>
            <numerusform>Last %n days: {valid} valid and {rejected} rejected verifications; the busiest day was {day} with {count}.</numerusform>
            <numerusform>Last %n days: {valid} valid and {rejected} rejected verifications; the busiest day was {day} with {count}.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Wording</name>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n day</numerusform>
            <numerusform>%n days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) ago</source>
        <translation>
            <numerusform>%n day ago</numerusform>
            <numerusform>%n days ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n hour(s) ago</source>
        <translation>
            <numerusform>%n hour ago</numerusform>
            <numerusform>%n hours ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n min ago</source>
        <translation>
            <numerusform>%n min ago</numerusform>
            <numerusform>%n min ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n year(s)</source>
        <translation>
            <numerusform>%n year</numerusform>
            <numerusform>%n years</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>and %n more</source>
        <translation>
            <numerusform>and %n more</numerusform>
            <numerusform>and %n more</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>in %n day(s)</source>
        <translation>
            <numerusform>in %n day</numerusform>
            <numerusform>in %n days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>in %n hour(s)</source>
        <translation>
            <numerusform>in %n hour</numerusform>
            <numerusform>in %n hours</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>in %n min</source>
        <translation>
            <numerusform>in %n min</numerusform>
            <numerusform>in %n min</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{date} (in %n day(s))</source>
        <translation>
            <numerusform>{date} (in %n day)</numerusform>
            <numerusform>{date} (in %n days)</numerusform>
        </translation>
    </message>
</context>
</TS>
