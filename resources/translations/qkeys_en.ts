<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="en">
<context>
    <name>ExpirationField</name>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n day</numerusform>
            <numerusform>%n days</numerusform>
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
    <name>KeyDetailsDialog</name>
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
    <name>ScanDialog</name>
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
        <source>%n key(s)</source>
        <translation>
            <numerusform>%n key</numerusform>
            <numerusform>%n keys</numerusform>
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
        <source>Revoke these %n API keys?

{keys}</source>
        <translation>
            <numerusform>Revoke these %n API keys?

{keys}</numerusform>
            <numerusform>Revoke these %n API keys?

{keys}</numerusform>
        </translation>
    </message>
</context>
</TS>
