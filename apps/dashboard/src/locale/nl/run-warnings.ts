/**
 * Dutch texts of app/connectors/run-warning-texts.ts: the warnings of a sync run. Names of the sources' own
 * files, fields and settings (users.json, from.application, maxPagesPerRun) stay as the source writes them.
 */
export const NL_RUN_WARNINGS: Record<string, string> = {
  'runWarning.nothingRead':
    'De invoer bevatte geen activiteit, gebruik of personeelsgegevens: geen enkel cijfer is veranderd.',
  'runWarning.warningsTruncated':
    'Meer soorten waarschuwingen dan een run bewaart ({$max}): de rest wordt hier geteld.',
  'runWarning.csv.rowsSkipped':
    'Rijen met opzet overgeslagen: hun type is gekoppeld aan "skip" (settings.columns.type); ze worden hier ' +
    'geteld, niet opgeslagen en niet in quarantaine gezet.',
  'runWarning.csv.columnsIgnored':
    'Kolommen die de kolomkoppeling niet leest, zijn met opzet genegeerd (nooit opgeslagen): {$names}.',
  'runWarning.csv.keysIgnored':
    'Sleutels die de kolomkoppeling niet leest, zijn met opzet genegeerd (nooit opgeslagen): {$names}.',
  'runWarning.slack.skippedEntry':
    'Geen gesprek dat Uptake leest (canvassen, lijsten, huddle-transcripten, bestandsopmerkingen, ' +
    'integratielogboeken en andere bestanden worden met opzet overgeslagen); het aantal is het aantal bestanden.',
  'runWarning.slack.skippedPrivateEntry':
    'Bestanden naast de dagbestanden van privégesprekken (hier niet genoemd) zijn met opzet overgeslagen.',
  'runWarning.slack.privateSkipped':
    'Privékanalen, directe berichten en groeps-DM’s zijn weggelaten (includePrivate staat uit); het aantal ' +
    'is het aantal gesprekken.',
  'runWarning.slack.unlistedFolder':
    'Een map met dagbestanden die door geen enkele gesprekslijst (channels.json, groups.json, dms.json, ' +
    'mpims.json) wordt genoemd: de berichten erin zijn overgeslagen.',
  'runWarning.slack.identityFallbackEveryone':
    'Niemand in {$list} heeft een e-mailadres: iedereen wordt herkend aan zijn Slack-gebruikers-id, dus het ' +
    'personeelsbestand en andere bronnen kunnen niet op e-mail aan hen worden gekoppeld (adoptie telt hen ' +
    'als actief maar niet als in aanmerking komend).',
  'runWarning.slack.identityFallbackSome':
    'Sommige personen in {$list} hebben geen e-mailadres: zij worden herkend aan hun Slack-gebruikers-id en ' +
    'kunnen niet op e-mail aan het personeelsbestand of andere bronnen worden gekoppeld.',
  'runWarning.slack.unlistedReactions':
    'Slack telde meer reacties dan het personen opsomde (het kort lange lijsten in): de niet-genoemde worden ' +
    'opgeslagen als reactievolume zonder persoon. Ze tellen mee in reactietotalen, nooit in iemands activiteit.',
  'runWarning.slack.deletedThreadRoot':
    'Threads waarvan het eerste bericht is verwijderd: de reacties blijven bewaard en tellen mee in ' +
    'threadcijfers, zonder threadauteur (dus alleen in cijfers voor de hele organisatie).',
  'runWarning.slack.unknownSubtype':
    'Berichten van subtype "{$label}" staan niet in de subtypetabel van de connector: overgeslagen.',
  'runWarning.msTeams.appMessages':
    'Berichten die apps plaatsen (bots, connectors, workflows: from.application) zijn niemands activiteit en ' +
    'worden niet opgeslagen; de reacties van personen erop wel.',
  'runWarning.msTeams.reactionsCut': 'Reacties boven {$max} op één bericht worden niet gelezen.',
  'runWarning.msTeams.deletedThreadRoot':
    'Threads waarvan het eerste bericht is verwijderd: de reacties blijven bewaard en tellen mee in ' +
    'threadcijfers, zonder threadauteur (dus alleen in cijfers voor de hele organisatie).',
  'runWarning.msTeams.identityFallback':
    'Personen die Microsoft Graph niet kent als gebruikers van de tenant (inmiddels verwijderd, of gasten ' +
    'van een gedeeld kanaal uit een andere organisatie) worden herkend aan hun Entra-object-id: ze komen ' +
    'overeen met geen enkele persoon in het personeelsbestand en geen enkel gebruiksrapport.',
  'runWarning.msTeams.membersNotListed':
    'Teams of kanalen met meer dan {$max} leden (maxMembersPerGroup) worden zonder leden opgeslagen.',
  'runWarning.msTeams.pageLimit':
    'De run las {$max} pagina’s berichten (maxPagesPerRun) en stopte: de volgende run gaat daar verder.',
  'runWarning.msTeams.deltaRestarted':
    'Microsoft Graph accepteerde de opgeslagen deltalink van een kanaal niet meer (verlopen): het kanaal is ' +
    'opnieuw gelezen vanaf het eerste bericht dat Graph bewaart; eerder opgeslagen berichten tellen als ' +
    'dubbel.',
  'runWarning.msTeams.repliesCut':
    'Threads met meer dan {$max} reacties (maxRepliesPerMessage): alleen de eerste {$first} worden gelezen.',
  'runWarning.msTeams.chatsPermissionMissing':
    'Microsoft Graph weigerde de chats (GET /users/{id}/chats/getAllMessages): de app-registratie mist de ' +
    'toepassingsmachtiging Chat.Read.All (met beheerderstoestemming, en goedkeuring van Microsoft voor ' +
    'beschermde Teams-API’s). Kanaalberichten zijn gelezen; chats niet.',
  'runWarning.msTeams.chatsPaymentRequired':
    'Microsoft Graph weigerde de chats met 402 Payment Required voor betaalmodel "{$model}" (chatsModel): ' +
    'richt facturering van betaalde Microsoft 365-API’s in voor de app, of kies een ander model. ' +
    'Kanaalberichten zijn gelezen; chats niet.',
  'runWarning.msTeams.unknownMessageType':
    'Berichten van messageType "{$label}" staan niet in de tabel met berichttypen van de connector: overgeslagen.',
  'runWarning.msTeamsExport.skippedEntries':
    'Onderdelen van de zip die geen .json-bestand zijn (bijlagen, notities) zijn niet gelezen.',
  'runWarning.msTeamsExport.identityFallback':
    'Personen die de users.json van de upload niet noemt (of iedereen, als die ontbreekt) worden herkend aan ' +
    'hun Entra-object-id: ze komen overeen met geen enkele persoon in het personeelsbestand en geen enkel ' +
    'gebruiksrapport. Voeg users.json toe aan de zip (GET /users?$select=id,userPrincipalName,mail).',
  'runWarning.msTeamsExport.indexFull':
    'De upload bevat meer threads, kanalen of chats dan één leesbeurt indexeert: reacties daarboven worden ' +
    'zonder doel bewaard, en sommige kanalen of chats zonder groep. Upload hem in delen.',
  'runWarning.msTeamsExport.usersUnreadable':
    'Vermeldingen in users.json zonder id, of zonder userPrincipalName en zonder mail, zijn overgeslagen.',
  'runWarning.msTeamsExport.usersCut':
    'users.json noemt meer gebruikers dan één leesbeurt bewaart: de anderen worden herkend aan hun object-id.',
  'runWarning.msTeamsExport.rootNotInUpload':
    'Reacties waarvan het eerste bericht van de thread niet in de upload zit (een export van een periode): ' +
    'ze houden hun thread, zonder doel.',
  'runWarning.msTeamsExport.fileCut':
    'Bestanden met meer dan {$max} berichten (maxMessagesPerFile): de rest van elk bestand is niet gelezen.',
  'runWarning.vivaEngage.skippedEntry':
    'Met opzet niet gelezen (Files.csv, Topics.csv, Admins.csv, Networks.csv, bijlagen en andere delen van ' +
    'de export zijn geen activiteit die Uptake telt); het aantal is het aantal bestanden.',
  'runWarning.vivaEngage.identityFallbackExport':
    'Gebruikers zonder e-mailadres in Users.csv of Messages.csv worden herkend aan hun Yammer-gebruikers-id ' +
    '(yammer:<id>): ze kunnen niet worden gekoppeld aan het personeelsbestand of andere bronnen.',
  'runWarning.vivaEngage.identityFallbackApi':
    'Activiteit van personen van wie Yammer geen e-mailadres geeft (gasten, verwijderde gebruikers): herkend ' +
    'aan hun Yammer-id (yammer:<id>), dus ze komen overeen met niemand in het personeelsbestand of andere bronnen.',
  'runWarning.vivaEngage.deletedMessages':
    'Verwijderde berichten tellen als de activiteit die ze waren toen ze werden geschreven (op created_at), ' +
    'zodat een export van voor of na het verwijderen dezelfde cijfers geeft.',
  'runWarning.vivaEngage.notAPerson':
    'Berichten van bots of het systeem zijn niemands activiteit: overgeslagen.',
  'runWarning.vivaEngage.unknownSenderType':
    'Berichten met sender_type "{$label}" zijn geen afzender die de connector kent (user, bot, system): ' +
    'overgeslagen.',
  'runWarning.vivaEngage.replyTargetUnknown':
    'Reacties op berichten die niet in deze export zitten (geschreven voor de startdatum) houden hun thread, ' +
    'maar noemen geen persoon op wie werd gereageerd.',
  'runWarning.vivaEngage.replyIndexFull':
    'De export bevat meer berichten dan de connector indexeert voor reactiedoelen: reacties op de latere ' +
    'noemen geen persoon op wie werd gereageerd. Exporteer kortere periodes (Microsoft raadt dagelijkse ' +
    'exports aan).',
  'runWarning.vivaEngage.guestsNotInDirectory':
    'Gasten (personen van andere organisaties) zijn geen medewerkers: ze blijven buiten het ' +
    'personeelsbestand; hun berichten zijn nog steeds activiteit.',
  'runWarning.vivaEngage.exportBoundReached':
    'De synchronisatie downloadde haar {$max} exports (maxExportsPerRun); de volgende synchronisatie gaat ' +
    'verder waar deze stopte.',
  'runWarning.vivaEngage.membershipsBound':
    'De export noemt meer dan {$max} paren van persoon en community: lidmaatschappen daarboven worden niet ' +
    'afgeleid (het aantal is dat van de weggelaten deelnames). Exporteer kortere periodes.',
  'runWarning.vivaEngage.unknownUserReferenced':
    'Vermeldingen (verwijzingen naar gebruikers in een bericht) en deelnemers die de export niet beschrijft ' +
    '(geen rij in Users.csv en geen eigen bericht) worden weggelaten, zodat niemand naast zijn adres een ' +
    'tweede pseudoniem krijgt.',
  'runWarning.vivaEngage.pageBoundReached':
    'De run las zijn {$max} pagina’s (maxPagesPerRun); de volgende run gaat verder waar deze stopte.',
  'runWarning.vivaEngage.membersNotRead':
    'Community’s waarvan de leden niet volledig konden worden gelezen (meer dan {$max} leden, of niet ' +
    'zichtbaar voor het token): opgeslagen zonder ledenlijst; eerder gelezen lidmaatschappen blijven bewaard.',
  'runWarning.vivaEngage.unlistedLikes':
    'Yammer telde meer likes dan het personen opsomde (liked_by noemt alleen de eerste paar): de rest wordt ' +
    'opgeslagen als reactievolume zonder persoon. Ze tellen mee in reactietotalen, nooit in iemands activiteit.',
  'runWarning.vivaEngage.replyToMissingMessage':
    'Reacties op een bericht dat niet leesbaar is (verwijderd, of buiten wat het token ziet): bewaard in hun ' +
    'thread, aan niemand gericht.',
  'runWarning.vivaEngage.unknownMessageType':
    'Berichten met message_type "{$label}" staan niet in de typetabel van de connector: overgeslagen.',
  'runWarning.graphReports.jsonReportPage':
    'Het JSON-rapport is één pagina van een langer rapport (het heeft een @odata.nextLink): de rijen van de ' +
    'volgende pagina’s staan niet in dit bestand. Upload elke pagina, of het CSV-rapport, dat alle rijen bevat.',
  'runWarning.graphReports.concealedNames':
    'Rijen die hun gebruiker (of community) met een verborgen waarde noemen, zijn overgeslagen: een ' +
    'verborgen naam komt met geen enkele persoon in het personeelsbestand of een andere bron overeen, dus ' +
    'dezelfde persoon zou twee keer tellen. Uptake vervangt namen bij aankomst door een eigen hash met ' +
    'sleutel en slaat ze nooit op. Zet "Display concealed user, group, and site names" uit in het Microsoft ' +
    '365-beheercentrum en lees het rapport opnieuw.',
  'runWarning.graphReports.olderTeamsHeader':
    "Het Teams-rapport heeft de oudere kop (geen 'Post Messages' / 'Reply Messages'): de kanaalberichten " +
    '(Team Chat Message Count) tellen als reacties, omdat berichten en reacties niet uit elkaar te houden ' +
    'zijn, en bijgewoonde vergaderingen zijn niet bekend. Een nieuwere export van dezelfde dagen vervangt ' +
    'deze aantallen.',
  'runWarning.entraId.disabledAccounts':
    'Uitgeschakelde accounts (accountEnabled false: vertrokken personen, gedeelde en serviceaccounts) staan ' +
    'niet in het personeelsbestand: ze tellen niet mee als personen die zouden kunnen adopteren.',
  'runWarning.entraId.guestAccounts':
    'Gasten (#EXT# in de user principal name: personen van andere organisaties) staan niet in het ' +
    'personeelsbestand.',
  'runWarning.entraId.mailMissing':
    'Gebruikers zonder e-mailadres worden in plaats daarvan herkend aan hun user principal name (identity: ' +
    'mail): ze komen overeen met bronnen die hen bij UPN noemen, zoals de Microsoft 365-gebruiksrapporten, ' +
    'niet bij e-mail.',
};
