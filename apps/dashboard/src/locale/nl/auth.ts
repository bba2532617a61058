/** Dutch texts of app/auth: sign-in (password and SSO) and accepting an invitation. */
export const NL_AUTH: Record<string, string> = {
  'auth.invitation.role.admin': 'beheerder',
  'auth.invitation.role.changeManager': 'changemanager',
  'auth.invitation.role.executive': 'directielid',
  'auth.invitation.role.connectorMaintainer': 'connectorbeheerder',
  'auth.invitation.brand': 'Uptake',
  'auth.invitation.summary':
    'Word lid van {$START_TAG_STRONG}{$INTERPOLATION}{$CLOSE_TAG_STRONG} als {$INTERPOLATION_1} met ' +
    '{$START_TAG_STRONG}{$INTERPOLATION_2}{$CLOSE_TAG_STRONG}.',
  'auth.invitation.choosePassword':
    'Kies het wachtwoord van je nieuwe account (minstens {$INTERPOLATION} tekens).',
  'auth.invitation.newPassword': 'Nieuw wachtwoord',
  'auth.invitation.repeat': 'Herhaal het',
  'auth.invitation.confirmAccount': 'Je hebt al een account: bevestig met het wachtwoord dat het van jou is.',
  'auth.invitation.passwordOf': 'Wachtwoord van {$INTERPOLATION}',
  'auth.invitation.joining': 'Lid worden…',
  'auth.invitation.accept': 'Uitnodiging accepteren',
  'auth.invitation.reading': 'De uitnodiging lezen…',
  'auth.invitation.noToken': 'Voor deze pagina is de link uit je uitnodigingsmail nodig.',
  'auth.invitation.passwordsDiffer': 'De twee wachtwoorden verschillen.',
  'auth.login.ssoNotConfigured':
    'Single sign-on is voor deze organisatie niet ingesteld. Controleer de naam van de organisatie.',
  'auth.login.ssoReturnToInvalid':
    'De pagina om naar terug te keren hoort niet bij Uptake. Begin opnieuw met inloggen.',
  'auth.login.ssoStateInvalid':
    'Het inloggen duurde te lang of is in een andere browser geopend. Begin opnieuw.',
  'auth.login.ssoDenied':
    'Je identiteitsprovider heeft je niet ingelogd (geannuleerd, of Uptake is niet aan je toegewezen).',
  'auth.login.ssoProviderUnavailable':
    'Je identiteitsprovider is niet bereikbaar. Probeer het later opnieuw of vraag het je beheerder.',
  'auth.login.ssoTokenInvalid':
    'Het antwoord van je identiteitsprovider kon niet worden geverifieerd. Vraag je beheerder de ' +
    'SSO-instellingen te controleren.',
  'auth.login.ssoEmailMissing':
    'Je identiteitsprovider stuurde geen e-mailadres. Vraag je beheerder de scope email toe te voegen.',
  'auth.login.ssoEmailDomain': 'Je e-maildomein is voor deze organisatie niet toegestaan.',
  'auth.login.ssoEmailUnverified':
    'Je identiteitsprovider heeft je e-mailadres niet geverifieerd, dus het kan niet aan een Uptake-account ' +
    'worden gekoppeld.',
  'auth.login.ssoAccountConflict':
    'Dit e-mailadres hoort al bij een andere login van je identiteitsprovider. Vraag het je beheerder.',
  'auth.login.ssoAccountDisabled': 'Je Uptake-account is uitgeschakeld.',
  'auth.login.ssoFailed': 'Single sign-on is mislukt. Probeer het opnieuw.',
  'auth.login.brand': 'Uptake',
  'auth.login.intro': 'Log in om je uitrol te volgen.',
  'auth.login.email': 'E-mail',
  'auth.login.password': 'Wachtwoord',
  'auth.login.signingIn': 'Inloggen…',
  'auth.login.signIn': 'Inloggen',
  'auth.login.sso': 'Single sign-on',
  'auth.login.organisation': 'Organisatie',
  'auth.login.organisationPlaceholder': 'bijv. acme',
  'auth.login.ssoStart': 'Inloggen met SSO',
  'auth.login.ssoStartDisabled': 'Inloggen met SSO',
};
