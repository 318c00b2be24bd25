"""Every word the console shows, in Dutch (the default) and English, and dates the way each
language writes them ("di 3 feb 2026"). The one-line reasons of refused input stay the CLI's."""

from __future__ import annotations

import datetime as dt

from adapters.amsterdam_time import AMSTERDAM
from domain.sick_day_clock import last_working_day_on_or_before
from domain.steps import STEPS as STEP_INFO
from domain.steps import OpenStep, Step
from service.case_file import HOLIDAYS

LANGUAGES = ("nl", "en")
DEFAULT = "nl"

_WORDS: dict[str, tuple[str, str]] = {  # key: (nl, en)
    "app": ("Verzuim en re-integratie", "Sick leave and reintegration"),
    "skip": ("Naar de inhoud", "Skip to content"),
    "dashboard": ("Overzicht", "Dashboard"),
    "signed_in_as": ("Aangemeld als", "Signed in as"),
    "sign_in": ("Aanmelden", "Sign in"),
    "sign_out": ("Afmelden", "Sign out"),
    "login": ("Gebruikersnaam", "Login"),
    "password": ("Wachtwoord", "Password"),
    "wrong_login": (
        "Onjuiste gebruikersnaam of wachtwoord, of het account is uitgeschakeld.",
        "Wrong login or password, or the account is disabled.",
    ),
    "locked": (
        "Te veel mislukte pogingen: probeer het over 15 minuten opnieuw.",
        "Too many failed sign-ins: try again in 15 minutes.",
    ),
    "change_password": ("Wachtwoord wijzigen", "Change password"),
    "current_password": ("Huidig wachtwoord", "Current password"),
    "new_password": (
        "Nieuw wachtwoord (minstens 12 tekens)",
        "New password (12 characters or more)",
    ),
    "repeat_password": ("Nieuw wachtwoord nogmaals", "New password again"),
    "password_changed": (
        "Uw wachtwoord is gewijzigd; uw andere sessies zijn beëindigd.",
        "Your password was changed; your other sessions have ended.",
    ),
    "save": ("Opslaan", "Save"),
    "open_cases": ("Openstaande verzuimdossiers", "Open cases"),
    "filters": ("Filters", "Filters"),
    "team": ("Team", "Team"),
    "all_teams": ("Alle teams", "All teams"),
    "overdue_only": ("Alleen te laat", "Overdue only"),
    "due_this_week": ("Deze week te doen", "Due this week"),
    "search": ("Zoek op naam of personeelsnummer", "Search by name or employee key"),
    "apply": ("Toepassen", "Apply"),
    "employee": ("Werknemer", "Employee"),
    "sick_since": ("Ziek sinds", "Sick since"),
    "week": ("Week", "Week"),
    "percentage": ("Arbeidsongeschikt %", "Sick %"),
    "next_step": ("Volgende stap", "Next step"),
    "overdue": ("Te laat", "Overdue"),
    "overdue_mark": ("te laat", "overdue"),
    "do_by_legal": ("{day} (wettelijke termijn {legal})", "{day} (legal date {legal})"),
    "none": ("geen", "none"),
    "no_cases": ("Geen dossiers gevonden.", "No cases found."),
    "matching": ("{n} dossiers", "{n} cases"),
    "page": ("Pagina {page} van {pages}", "Page {page} of {pages}"),
    "previous": ("Vorige", "Previous"),
    "next": ("Volgende", "Next"),
    "report_sick": ("Ziekmelding", "Report sick"),
    "employee_key": ("Personeelsnummer", "Employee key"),
    "name": ("Naam", "Name"),
    "first_name": ("Roepnaam", "First name"),
    "first_sick_day": ("Eerste ziektedag", "First sick day"),
    "sick_facts": ("Gegevens bij de ziekmelding", "Facts of the sick report"),
    "never_asked": (
        "De reden van het verzuim, de diagnose en klachten worden nooit gevraagd (AP).",
        "The ground of the absence, the diagnosis and complaints are never asked (AP).",
    ),
    "day_format": ("dd-mm-jjjj", "dd-mm-yyyy"),
    "trail_newest": (
        "de nieuwste {shown} van {total} regels",
        "the newest {shown} of {total} lines",
    ),
    "trail_all": ("alles tonen", "show all"),
    "not_delivered": (
        "herinneringen aan {party} komen niet aan",
        "reminders to the {party} are not delivered",
    ),
    "refused": ("Niet opgeslagen", "Not saved"),
    "case": ("Dossier", "Case"),
    "status": ("Status", "Status"),
    "status_sick": ("ziek", "sick"),
    "status_recovered": ("hersteld", "recovered"),
    "status_void": ("vervallen (ten onrechte geopend)", "void (opened by mistake)"),
    "void_explained": (
        (
            "Intrekken van de ziekmelding waarmee het dossier begon, laat het hele dossier "
            "vervallen: het was ten onrechte geopend. Het blijft in de audittrail, verdwijnt uit "
            "elk overzicht, en er gaan geen herinneringen meer uit. Er kan daarna niets meer op "
            "worden vastgelegd."
        ),
        (
            "Retracting the sick report the case started with voids the whole case: it was opened "
            "by mistake. It stays in the audit trail, leaves every list, and sends no more "
            "reminders. Nothing more can be recorded on it."
        ),
    ),
    "void_link": (
        "Ten onrechte geopend? Dossier laten vervallen",
        "Opened by mistake? Void the case",
    ),
    "voided_on": (
        (
            "Dit dossier is op {day} vervallen: het was ten onrechte geopend. Het blijft in de "
            "audittrail; er wordt niets meer op vastgelegd of over verstuurd."
        ),
        (
            "This case was voided on {day}: it was opened by mistake. It stays in the audit trail; "
            "nothing more is recorded on it or sent about it."
        ),
    ),
    "timeline": ("Tijdlijn Poortwachter", "Poortwachter timeline"),
    "timeline_desc": (
        "Weken 0 tot 104 op de ziektedagenklok, met de ziekteperiodes en elke stap.",
        "Weeks 0 to 104 on the sick-day clock, with the sick periods and every step.",
    ),
    "done_on_time": ("op tijd gedaan", "done on time"),
    "done_late": ("te laat gedaan", "done late"),
    "open": ("open", "open"),
    "today": ("vandaag", "today"),
    "sick_period": ("ziek", "sick"),
    "gap": ("hersteld", "fit"),
    "done_on": ("gedaan op", "done on"),
    "due_by": ("uiterlijk", "due by"),
    "not_due": ("nog niet verplicht", "not yet due"),
    "open_steps": ("Openstaande stappen", "Open steps"),
    "due": ("Uiterlijk", "Due"),
    "party": ("Wie", "Who"),
    "step": ("Stap", "Step"),
    "audit_trail": ("Audittrail", "Audit trail"),
    "download_csv": ("Download als CSV", "Download as CSV"),
    "when": ("Wanneer", "When"),
    "what": ("Wat", "What"),
    "details": ("Details", "Details"),
    "who": ("Door", "By"),
    "role": ("Rol", "Role"),
    "error": ("Dat kan niet", "That is not possible"),
    "not_found": ("Niet gevonden", "Not found"),
    "forbidden": ("Geweigerd", "Refused"),
    "back": ("Terug naar het overzicht", "Back to the dashboard"),
    "language": ("Taal", "Language"),
    "delivered": ("afgeleverd", "delivered"),
    "not_delivered_because": ("niet afgeleverd: {error}", "not delivered: {error}"),
    "action_record": ("Vastleggen", "Record"),
    "action_correct": ("Corrigeren", "Correct"),
    "action_retract": ("Intrekken", "Retract"),
    "entry_n": ("Regel {seq}", "Entry {seq}"),
    "case_changed": (
        "Dit dossier is intussen gewijzigd. Dit is er nieuw:",
        "This case changed meanwhile. This is what is new:",
    ),
    "send_again": (
        "Uw invoer staat er nog. Klopt die nog, stuur het formulier dan opnieuw.",
        "Your input is kept. If it still holds, send the form again.",
    ),
    "retract_explained": (
        (
            "Intrekken verwijdert niets: de regel blijft in de audittrail, met de intrekking "
            "erbij, en telt niet meer mee voor de termijnen."
        ),
        (
            "Retracting deletes nothing: the entry stays in the audit trail with the retraction, "
            "and no longer counts for the deadlines."
        ),
    ),
    "correct_explained": (
        (
            "Een correctie overschrijft niets: de oude regel blijft in de audittrail; de correctie "
            "krijgt de datum van vandaag ({today})."
        ),
        (
            "A correction overwrites nothing: the old entry stays in the audit trail; the "
            "correction is dated today ({today})."
        ),
    ),
    "record_something": ("Vastleggen", "Record"),
    "recorded_events": ("Vastgelegd", "Recorded"),
    "recorded_now": ("Vastgelegd als regel {seq}:", "Recorded as entry {seq}:"),
    "corrected": ("gecorrigeerd", "corrected"),
    "retracted": ("ingetrokken", "retracted"),
    "act": ("Actie", "Action"),
    "basis": ("Grondslag", "Basis"),
    "if_missed": ("Als het niet gebeurt", "If missed"),
    "optional": ("mag leeg blijven", "optional"),
    "physician": ("Bedrijfsarts", "Physician"),
    "no_physician": (
        "Nog geen bedrijfsarts: die ziet het dossier pas na toewijzing.",
        "No physician yet: they see the case once assigned.",
    ),
    "assign_physician": ("Bedrijfsarts toewijzen", "Assign a physician"),
    "assign": ("Toewijzen", "Assign"),
    "welcome": ("Welkom", "Welcome"),
    "no_pages_yet": (
        (
            "Voor uw rol heeft de console nog geen pagina's; gebruik zolang de opdracht "
            "`reintegration` of de API."
        ),
        (
            "The console has no pages for your role yet; meanwhile, use the `reintegration` "
            "command or the API."
        ),
    ),
    # recovery, contacts and messages on the case page
    "recovery": ("Herstel en opbouw", "Recovery and build-up"),
    "no_build_up": ("Nog geen opbouw.", "No build-up yet."),
    "ladder_title": ("Opbouwschema", "Build-up ladder"),
    "ladder_desc": (
        (
            "{stages} fasen, van {low} tot {high} uur per week (doel {target}); {now}; "
            "terugvallen of stappen terug: {setbacks}."
        ),
        (
            "{stages} stages, from {low} to {high} hours a week (target {target}); {now}; "
            "setbacks or steps back: {setbacks}."
        ),
    ),
    "ladder_now": ("nu fase {n}", "now stage {n}"),
    "ladder_not_started": ("nog niet gestart", "not started yet"),
    "stage_label": ("Fase {n}: {spec}", "Stage {n}: {spec}"),
    "stage_short": (
        "Fase {n}: {sessions} x {hours} u ({weekly} u/week)",
        "Stage {n}: {sessions} x {hours} h ({weekly} h/week)",
    ),
    "stage_spec": (
        "{sessions} x {hours} uur = {weekly} uur per week",
        "{sessions} x {hours} hours = {weekly} hours a week",
    ),
    "current_stage": ("Huidige fase", "Current stage"),
    "stage_words": (
        "fase {n} van {total}: {sessions} x {hours} uur per week",
        "stage {n} of {total}: {sessions} x {hours} hours a week",
    ),
    "rest_day_between": (", een rustdag ertussen", ", a rest day between"),
    "proposed": (
        "voorgesteld, nog niet gestart; akkoord van: {parties}",
        "proposed, not started; agreed by: {parties}",
    ),
    "nobody": ("nog niemand", "nobody yet"),
    "target": ("Doel", "Target"),
    "target_hours": ("{hours} uur per week", "{hours} hours a week"),
    "next_stage_review": ("Volgende evaluatie van de fase", "Next stage review"),
    "stages": ("Fasen", "Stages"),
    "stage": ("Fase", "Stage"),
    "per_week": ("Per week", "A week"),
    "where": ("Stand", "Where"),
    "stage_now": ("nu", "now"),
    "stage_reached": ("gehaald", "reached"),
    "stage_ahead": ("nog niet", "ahead"),
    "reviews": ("Evaluaties en terugvallen", "Reviews and setbacks"),
    "date": ("Datum", "Date"),
    "outcome": ("Uitkomst", "Outcome"),
    "no_reviews": ("Nog geen evaluaties.", "No reviews yet."),
    "move_start": ("gestart", "started"),
    "move_advance": ("een fase verder", "advanced"),
    "move_hold": ("zo gehouden", "held"),
    "move_step_back": ("een stap terug", "stepped back"),
    "move_setback": ("terugval", "setback"),
    "capacity": ("Belastbaarheid (functioneel)", "Functional capacity"),
    "no_capacity": ("Nog geen beoordeling van de belastbaarheid.", "No capacity assessment yet."),
    "assessed_on": ("Beoordeeld op", "Assessed on"),
    "capacity_at_most": ("Ten hoogste", "At most"),
    "capacity_words": (
        "{days} dagen per week, {hours} uur per dag",
        "{days} days a week, {hours} hours a day",
    ),
    "restrictions": ("Aandachtspunten voor het werk", "Work restrictions"),
    "expected_duration": ("Verwachte duur", "Expected duration"),
    "next_capacity_review": ("Volgende herbeoordeling", "Next review"),
    "contact_agreement": ("Contactafspraak", "Contact agreement"),
    "no_contact_agreement": ("Nog geen contactafspraak.", "No contact agreement yet."),
    "contact_how": ("Afspraak", "Agreed"),
    "contact_every": ("elke {days} dagen, {form}", "every {days} days, {form}"),
    "form_call": ("telefonisch", "a call"),
    "form_visit": ("een bezoek", "a visit"),
    "form_video": ("videobellen", "a video call"),
    "form_app": ("via een app", "by app"),
    "form_email": ("per e-mail", "by email"),
    "form_practical_updates_only": ("alleen praktische updates", "practical updates only"),
    "pause": ("Pauze", "Pause"),
    "paused_until": ("gepauzeerd tot {day}", "paused until {day}"),
    "not_paused": ("niet gepauzeerd", "not paused"),
    "next_contact": ("Volgend contact", "Next contact"),
    "last_contact": ("Laatste contact", "Last contact"),
    "manage_contacts": ("Contactroutes beheren", "Manage contact routes"),
    "contacts": ("Contactroutes", "Contact routes"),
    "back_to_case": ("Terug naar het dossier", "Back to the case"),
    "contacts_intro": (
        (
            "Zo bereiken herinneringen de partijen van deze werknemer; zonder eigen route gaan "
            "ze via de routes van de organisatie. Wachtwoorden en tokens worden nooit getoond."
        ),
        (
            "How reminders reach this employee's parties; without a route of their own they go "
            "by the organisation's. Passwords and tokens are never shown."
        ),
    ),
    "number": ("Nr.", "No."),
    "route": ("Route (gemaskeerd)", "Route (masked)"),
    "actions": ("Acties", "Actions"),
    "send_test": ("Testbericht sturen", "Send a test message"),
    "remove": ("Verwijderen", "Remove"),
    "no_routes": (
        "Geen eigen routes: herinneringen volgen die van de organisatie.",
        "No routes of their own: reminders follow the organisation's.",
    ),
    "add_route": ("Route toevoegen", "Add a route"),
    "apprise_url": ("Apprise-URL", "Apprise URL"),
    "apprise_hint": ("bijv. mailtos://… of json://…", "e.g. mailtos://… or json://…"),
    "test_delivered": ("Testbericht bezorgd bij {target}.", "Test message delivered to {target}."),
    "test_failed": (
        "Testbericht niet bezorgd bij {target}",
        "Test message not delivered to {target}",
    ),
    "case_messages": ("Berichten", "Messages"),
    "messages_newest": ("{shown} van {total} berichten", "{shown} of {total} messages"),
    "messages_sent": ("Verstuurd of geprobeerd, nieuwste eerst", "Sent or tried, newest first"),
    "messages_upcoming": ("Gepland, eerstvolgende eerst", "Planned, soonest first"),
    "no_messages": ("Geen berichten voor dit dossier.", "No messages for this case."),
    "planned_at": ("Gepland (UTC)", "Planned (UTC)"),
    "to_party": ("Aan", "To"),
    "subject": ("Onderwerp", "Subject"),
    "state": ("Stand", "State"),
    "last_attempt": ("Laatste poging (UTC)", "Last attempt (UTC)"),
    "state_planned": ("gepland", "planned"),
    "state_sending": ("wordt verstuurd", "sending"),
    "state_sent": ("verstuurd", "sent"),
    "state_retrying": ("mislukt, wordt opnieuw geprobeerd", "failed, will be retried"),
    "state_failed": ("niet bezorgd, opgegeven", "not delivered, given up"),
    "state_superseded": (
        "niet verstuurd: een latere herinnering ging in de plaats",
        "not sent: a later reminder went instead",
    ),
    # employee and diary pages
    "my_sick_leave": ("Uw verzuim", "Your sick leave"),
    "sick_since_plain": (
        "U bent sinds {day} ziek gemeld, voor {percentage}%. Dit is week {week} van uw verzuim.",
        (
            "You have been on sick leave since {day}, for {percentage}%. This is week {week} of "
            "your sick leave."
        ),
    ),
    "recovered_plain": (
        "U bent op {day} hersteld gemeld.",
        "You were reported fit for work on {day}.",
    ),
    "no_case_plain": (
        "Er is geen ziekmelding van u bekend.",
        "There is no sick report of yours.",
    ),
    "what_next": ("Wat gebeurt er nu", "What happens next"),
    "nothing_next": ("Er staat nu niets gepland.", "Nothing is planned now."),
    "date_passed": ("deze datum is voorbij", "this date has passed"),
    "plain_notify_physician": (
        "Uw werkgever meldt uw verzuim bij de bedrijfsarts, uiterlijk {due}.",
        "Your employer reports your absence to the occupational physician, by {due}.",
    ),
    "plain_physician_consult": (
        "Uw bedrijfsarts houdt een eerste consult met u, uiterlijk {due}.",
        "Your occupational physician holds a first consult with you, by {due}.",
    ),
    "plain_problem_analysis": (
        "Uw bedrijfsarts schrijft de probleemanalyse, uiterlijk {due}.",
        "Your occupational physician writes the problem analysis, by {due}.",
    ),
    "plain_plan_of_action": (
        "U en uw werkgever maken samen het plan van aanpak, uiterlijk {due}.",
        "You and your employer agree the plan of action together, by {due}.",
    ),
    "plain_evaluation": (
        "U en uw werkgever bespreken hoe het plan van aanpak loopt, uiterlijk {due}.",
        "You and your employer talk about how the plan of action is going, by {due}.",
    ),
    "plain_uwv_sickness_report": (
        "Uw werkgever meldt uw verzuim bij UWV, uiterlijk {due}.",
        "Your employer reports your absence to UWV, by {due}.",
    ),
    "plain_first_year_evaluation": (
        "U en uw werkgever kijken samen terug op het eerste jaar, uiterlijk {due}.",
        "You and your employer look back on the first year together, by {due}.",
    ),
    "plain_second_track_decision": (
        (
            "Uw werkgever besluit of u ook bij een andere werkgever gaat re-integreren, "
            "uiterlijk {due}."
        ),
        "Your employer decides whether you also return to work with another employer, by {due}.",
    ),
    "plain_final_evaluation": (
        "Uw werkgever maakt de eindevaluatie, uiterlijk {due}.",
        "Your employer writes the final evaluation, by {due}.",
    ),
    "plain_wia_application": (
        "U vraagt een WIA-uitkering aan bij UWV, uiterlijk {due}.",
        "You apply to UWV for a WIA benefit, by {due}.",
    ),
    "plain_wage_continuation_end": (
        "Uw werkgever betaalt uw loon door tot en met {due}.",
        "Your employer keeps paying your wages up to and including {due}.",
    ),
    "plain_capacity_review": (
        "Uw bedrijfsarts kijkt opnieuw wat u aankunt, uiterlijk {due}.",
        "Your occupational physician looks again at what you can do, by {due}.",
    ),
    "plain_stage_review": (
        "U bespreekt de huidige stap van uw opbouw, uiterlijk {due}.",
        "The current stage of your build-up is reviewed with you, by {due}.",
    ),
    "plain_contact": (
        "Uw leidinggevende neemt contact met u op, uiterlijk {due}.",
        "Your manager gets in touch with you, by {due}.",
    ),
    "plain_uwv_vangnet_report": (
        "Uw werkgever meldt uw verzuim bij UWV (Ziektewet), uiterlijk {due}.",
        "Your employer reports your absence to UWV (Sickness Benefits Act), by {due}.",
    ),
    "plain_uwv_vangnet_recovery_report": (
        "Uw werkgever meldt uw herstel bij UWV, uiterlijk {due}.",
        "Your employer reports your recovery to UWV, by {due}.",
    ),
    "plain_uwv_leaving_report": (
        "Uw werkgever meldt bij UWV dat u ziek uit dienst gaat, uiterlijk {due}.",
        "Your employer tells UWV that you leave employment while sick, by {due}.",
    ),
    "plain_leaving_riv": (
        "U krijgt van uw werkgever het re-integratieverslag mee, uiterlijk {due}.",
        "Your employer hands you the reintegration report, by {due}.",
    ),
    "plain_sanction_objection": (
        "Uw werkgever kan bezwaar maken tegen de loonsanctie, uiterlijk {due}.",
        "Your employer may object to the wage sanction, by {due}.",
    ),
    "plain_sanction_shortening_decision": (
        "UWV beslist over het bekorten van de loonsanctie, uiterlijk {due}.",
        "UWV decides on shortening the wage sanction, by {due}.",
    ),
    "plain_expert_opinion": (
        "UWV geeft het deskundigenoordeel, uiterlijk {due}.",
        "UWV gives its expert opinion, by {due}.",
    ),
    "plain_plan_of_action_revision": (
        "U en uw werkgever passen het plan van aanpak aan, uiterlijk {due}.",
        "You and your employer revise the plan of action, by {due}.",
    ),
    "plain_current_assessment": (
        "Uw bedrijfsarts geeft een actueel oordeel, uiterlijk {due}.",
        "Your occupational physician gives a current assessment, by {due}.",
    ),
    "plain_riv_to_employee": (
        "U krijgt van uw werkgever het re-integratieverslag, uiterlijk {due}.",
        "Your employer gives you the reintegration report, by {due}.",
    ),
    "who_to_contact": ("Met wie neemt u contact op", "Who to contact"),
    "your_manager": ("Uw leidinggevende", "Your manager"),
    "your_physician": ("Uw bedrijfsarts", "Your occupational physician"),
    "not_known_yet": ("nog niet bekend", "not known yet"),
    "my_diary": ("Mijn dagboek", "My diary"),
    "recovery_and_contact": ("Herstel en contact", "Recovery and contact"),
    "diary_private": (
        (
            "Alleen u ziet uw dagboek, en de bedrijfsarts of coach met wie u het deelt. Uw "
            "werkgever ziet uw scores nooit."
        ),
        (
            "Only you see your diary, and the physician or coach you share it with. Your employer "
            "never sees your scores."
        ),
    ),
    "add_a_day": ("Een dag invullen", "Add a day"),
    "diary_day": ("Dag", "Day"),
    "energy": ("Energie", "Energy"),
    "stress": ("Stress", "Stress"),
    "motivation": ("Motivatie", "Motivation"),
    "scale_energy": ("1 = geen energie, 10 = heel veel energie", "1 = none, 10 = plenty"),
    "scale_stress": ("1 = geen stress, 10 = heel veel stress", "1 = none, 10 = very much"),
    "scale_motivation": (
        "1 = geen motivatie, 10 = heel veel motivatie",
        "1 = none, 10 = very much",
    ),
    "same_day_replaces": (
        "Een dag die u al invulde, wordt vervangen.",
        "A day you filled in before is replaced.",
    ),
    "trend": ("Verloop", "Trend"),
    "diary_chart_title": (
        "Dagboek: energie, stress en motivatie",
        "Diary: energy, stress and motivation",
    ),
    "diary_chart_desc": (
        "Drie lijnen, scores van 1 tot 10 per dag, van {first} tot {last}; ingevulde dagen: {n}.",
        "Three lines, scores from 1 to 10 a day, from {first} to {last}; days filled in: {n}.",
    ),
    "diary_summary": (
        (
            "Gemiddeld over de laatste 7 dagen ({n} ingevuld): energie {energy}, stress {stress}, "
            "motivatie {motivation}."
        ),
        (
            "Mean over the last 7 days ({n} filled in): energy {energy}, stress {stress}, "
            "motivation {motivation}."
        ),
    ),
    "no_diary_days": ("Nog geen dagen ingevuld.", "No days filled in yet."),
    "diary_days": ("Ingevulde dagen", "Days filled in"),
    "sharing": ("Delen", "Sharing"),
    "shared_with": ("Gedeeld met", "Shared with"),
    "shared_with_nobody": ("U deelt uw dagboek met niemand.", "You share your diary with nobody."),
    "share_with": (
        "Delen met (gebruikersnaam van een bedrijfsarts of coach)",
        "Share with (the login of a physician or coach)",
    ),
    "share": ("Delen", "Share"),
    "unshare": ("Niet meer delen met {reader}", "Stop sharing with {reader}"),
    "reads": ("Wie las uw dagboek", "Who read your diary"),
    "no_reads": ("Nog niemand las uw dagboek.", "Nobody read your diary yet."),
    "signal": ("Signaal aan de bedrijfsarts", "Signal to the physician"),
    "signal_explained": (
        (
            "Staat dit aan en zijn uw scores een week lang duidelijk lager dan in de weken ervoor, "
            "dan wordt de volgende afspraak met de bedrijfsarts vervroegd. Er gaan geen scores mee."
        ),
        (
            "When this is on and your scores are clearly lower for a week than in the weeks "
            "before, the next review with the physician is brought forward. No score is sent."
        ),
    ),
    "signal_is_on": ("Het signaal staat aan.", "The signal is on."),
    "signal_is_off": ("Het signaal staat uit.", "The signal is off."),
    "turn_on": ("Aanzetten", "Turn on"),
    "turn_off": ("Uitzetten", "Turn off"),
    "done_written": ("De dag is opgeslagen.", "The day was saved."),
    "done_review_suggested": (
        (
            "De dag is opgeslagen. Uw scores dalen: de volgende afspraak met de bedrijfsarts wordt "
            "vervroegd."
        ),
        (
            "The day was saved. Your scores are dropping: the next review with the physician is "
            "brought forward."
        ),
    ),
    "done_shared": ("Uw dagboek is gedeeld.", "Your diary is shared."),
    "done_unshared": ("Uw dagboek wordt niet meer gedeeld.", "Your diary is no longer shared."),
    "done_signal": ("Uw keuze is opgeslagen.", "Your choice was saved."),
    "diary_of": ("Dagboek van {employee}", "Diary of {employee}"),
    "read_is_recorded": (
        "Uw inzage is vastgelegd; de werknemer ziet wie het dagboek las en wanneer.",
        "Your read is recorded; the employee sees who read the diary and when.",
    ),
    "shared_diaries": ("Met u gedeelde dagboeken", "Diaries shared with you"),
    "no_shared_diaries": (
        "Niemand deelt nu een dagboek met u.",
        "Nobody shares a diary with you now.",
    ),
    "contact_now": (
        "Contact: {form}, elke {days} dagen. Volgende keer uiterlijk {due}.",
        "Contact: {form}, every {days} days. Next time by {due}.",
    ),
    "contact_paused_until": (
        "Op uw verzoek is er geen contact tot {until}.",
        "At your request there is no contact until {until}.",
    ),
    "contact_moments": ("Contactmomenten", "Contact moments"),
    "build_up": ("Opbouw", "Build-up"),
    "own_no_build_up": ("Er is nog geen opbouw voorgesteld.", "No build-up has been proposed yet."),
    "build_up_state": (
        "Doel {target} uur per week; akkoord van: {agreed}.",
        "Target {target} hours a week; agreed by: {agreed}.",
    ),
    "nobody_yet": ("nog niemand", "nobody yet"),
    "stage_n": (
        "Stap {n}: {sessions} keer per week {hours} uur",
        "Stage {n}: {sessions} times a week, {hours} hours",
    ),
    "own_current_stage": ("nu", "now"),
    "own_capacity": ("Wat u aankunt", "What you can do"),
    "capacity_now": (
        "Volgens de bedrijfsarts ({day}): {days} dagen per week, {hours} uur per dag.",
        "According to the physician ({day}): {days} days a week, {hours} hours a day.",
    ),
    "own_no_capacity": (
        "Nog niet beoordeeld door de bedrijfsarts.",
        "Not assessed by the physician yet.",
    ),
    "back_home": ("Terug naar uw overzicht", "Back to your overview"),
    "role_physician": ("bedrijfsarts", "physician"),
    "role_coach": ("coach", "coach"),
    # dashboard filters and auditor pages
    "stage_filter": ("Opbouwfase", "Build-up stage"),
    "stage_any": ("Alle", "Any"),
    "stage_none": ("Geen opbouw", "No build-up"),
    "stage_building": ("In opbouw", "In build-up"),
    "stage_review": ("Fase-evaluatie te doen", "Stage review due"),
    "diary_shared_with_you": (
        "Het dagboek van de werknemer (met u gedeeld)",
        "The employee's diary (shared with you)",
    ),
    "contact_due": (
        "Contactmoment deze week of te laat",
        "Contact moment this week or overdue",
    ),
    "stage_of": ("fase {stage} van {stages}", "stage {stage} of {stages}"),
    "no_stage": ("—", "—"),
    "all_cases": ("Alle verzuimdossiers", "All cases"),
    "verify": ("Controle", "Verify"),
    "verify_title": ("Controle van de dossiers", "Integrity check of the cases"),
    "verify_explain": (
        (
            "De controle rekent van elk dossier de keten van de audittrail en elk zegel na, en "
            "meldt alles wat buiten de applicatie om is gewijzigd of verwijderd."
        ),
        (
            "The check recomputes every case's audit-trail chain and every seal, and reports "
            "anything changed or deleted behind the application's back."
        ),
    ),
    "verify_run": ("Nu controleren", "Check now"),
    "verify_clean": (
        "{cases} dossiers gecontroleerd, geen afwijkingen",
        "{cases} cases checked, no irregularities",
    ),
    "verify_problems": (
        "{cases} dossiers gecontroleerd, {n} afwijkingen gevonden:",
        "{cases} cases checked, {n} irregularities found:",
    ),
    "verify_entries": ("{entries} regels in de audittrails", "{entries} audit-trail entries"),
    "verify_ran_at": ("uitgevoerd op {day} om {time}", "run on {day} at {time}"),
    "unassign": ("Ontkoppelen", "Unassign"),
    "contact_route_added": ("Contactroute toegevoegd", "Contact route added"),
    "contact_route_removed": ("Contactroute verwijderd", "Contact route removed"),
    "riv": ("Re-integratieverslag", "Reintegration report"),
    "riv_link": (
        "Re-integratieverslag: welke onderdelen er zijn en wat nog ontbreekt",
        "Reintegration report: which parts are there and what is missing",
    ),
    "riv_intro": (
        (
            "Elk onderdeel van het re-integratieverslag (RIV) met de datum en wie het vastlegde, "
            "zodat u de gaten ziet voordat UWV ze ziet. Het medische deel gaat van de bedrijfsarts "
            "naar de werknemer en UWV, nooit via de werkgever; het staat hier niet."
        ),
        (
            "Each part of the reintegration report (RIV) with its date and who recorded it, so "
            "that you see the gaps before UWV does. The medical part goes from the physician to "
            "the employee and UWV, never through the employer; it is not here."
        ),
    ),
    "riv_intro_employee": (
        (
            "Dit zijn de onderdelen van uw re-integratieverslag, met de datum en wie ze "
            "vastlegde. Uw werkgever geeft u het verslag voor uw WIA-aanvraag; uw eigen visie "
            "voegt u er dan zelf aan toe. Het medische deel krijgt u van de bedrijfsarts; het "
            "staat hier niet."
        ),
        (
            "These are the parts of your reintegration report, with their date and who "
            "recorded them. Your employer gives you the report for your WIA application; you "
            "then add your own view. The medical part comes to you from the physician; it is "
            "not here."
        ),
    ),
    "riv_part": ("Onderdeel", "Part"),
    "riv_supplied_by": ("Aangeleverd door", "Supplied by"),
    "riv_recorded": ("Vastgelegd", "Recorded"),
    "riv_present": ("aanwezig", "present"),
    "riv_missing": ("ontbreekt", "missing"),
    "riv_not_yet_due": ("nog niet aan de orde", "not yet due"),
    "riv_due_by": ("nog niet aan de orde; uiterlijk {day}", "not yet due; due by {day}"),
    "riv_outdated": (
        "niet meer actueel: een actueel oordeel telt vanaf {day}",
        "no longer current: a current assessment counts from {day}",
    ),
    "riv_with_employee": (
        "bij de werknemer sinds {day}; die voegt de eigen visie toe",
        "with the employee since {day}, who adds their own view",
    ),
    "riv_view_later": (
        "ontbreekt: de werknemer voegt die toe na de overhandiging",
        "missing: the employee adds it once the report is handed over",
    ),
    "riv_not_current": ("niet meer actueel", "no longer current"),
    "riv_steps": ("Open stappen die het verslag nog nodig heeft", "Open steps the report needs"),
    "riv_no_steps": ("Geen: het verslag mist geen stap meer.", "None: the report misses no step."),
}

STEPS: dict[str, tuple[str, str]] = {
    "notify_physician": ("Ziekmelding bij de bedrijfsarts", "Notify the physician"),
    "physician_consult": ("Eerste consult bedrijfsarts", "Physician's first consult"),
    "problem_analysis": ("Probleemanalyse", "Problem analysis"),
    "plan_of_action": ("Plan van aanpak", "Plan of action"),
    "evaluation": ("Evaluatie plan van aanpak", "Evaluation of the plan"),
    "uwv_sickness_report": ("42e-weeksmelding bij UWV", "Week-42 sickness report to UWV"),
    "first_year_evaluation": ("Eerstejaarsevaluatie", "First-year evaluation"),
    "second_track_decision": ("Besluit tweede spoor", "Second-track decision"),
    "final_evaluation": ("Eindevaluatie", "Final evaluation"),
    "wia_application": ("WIA-aanvraag", "WIA application"),
    "wage_continuation_end": ("Einde loondoorbetaling", "End of wage continuation"),
    "uwv_vangnet_report": ("Ziekmelding vangnet bij UWV", "Vangnet report to UWV"),
    "uwv_vangnet_recovery_report": (
        "Hersteldmelding vangnet bij UWV",
        "Vangnet recovery report to UWV",
    ),
    "uwv_leaving_report": ("Melding ziek uit dienst bij UWV", "Leaving while sick: report to UWV"),
    "leaving_riv": ("Re-integratieverslag bij uitdiensttreding", "RIV on leaving while sick"),
    "sanction_objection": ("Bezwaartermijn", "Term to object"),
    "sanction_shortening_decision": ("Besluit UWV over inkorting", "UWV's decision on shortening"),
    "expert_opinion": ("Deskundigenoordeel UWV", "UWV's second opinion"),
    "plan_of_action_revision": ("Bijstelling plan van aanpak", "Revision of the plan of action"),
    "current_assessment": ("Actueel oordeel bedrijfsarts", "Physician's current assessment"),
    "riv_to_employee": ("Re-integratieverslag naar werknemer", "RIV to the employee"),
    "capacity_review": ("Herbeoordeling belastbaarheid", "Capacity review"),
    "stage_review": ("Evaluatie opbouwfase", "Build-up stage review"),
    "contact": ("Contactmoment", "Contact moment"),
}

PARTIES: dict[str, tuple[str, str]] = {
    "employer": ("werkgever", "employer"),
    "physician": ("bedrijfsarts", "physician"),
    "employee": ("werknemer", "employee"),
    "employer+employee": ("werkgever en werknemer", "employer and employee"),
    "employer+employee+physician": (
        "werkgever, werknemer en bedrijfsarts",
        "employer, employee and physician",
    ),
    "manager": ("leidinggevende", "manager"),
    "uwv": ("UWV", "UWV"),
    "informational": ("ter informatie", "for information"),
    "hr": ("HR", "HR"),
}

EVENTS: dict[str, tuple[str, str]] = {  # what was recorded, as the trail and the forms say it
    "reported_sick": ("Ziekmelding", "Sick report"),
    "partially_recovered": ("Gedeeltelijk hersteld", "Partly recovered"),
    "recovered": ("Hersteld", "Recovered"),
    "physician_notified": ("Ziekmelding aan de bedrijfsarts", "Physician notified"),
    "physician_consulted": ("Consult bij de bedrijfsarts gehouden", "Physician's consult held"),
    "problem_analysis_done": ("Probleemanalyse opgesteld", "Problem analysis done"),
    "plan_of_action_agreed": ("Plan van aanpak vastgesteld", "Plan of action agreed"),
    "evaluation_held": ("Plan van aanpak geëvalueerd", "Plan of action evaluated"),
    "uwv_notified": ("42e-weeksmelding aan UWV gedaan", "Week-42 report to UWV made"),
    "first_year_evaluation_held": ("Eerstejaarsevaluatie gehouden", "First-year evaluation held"),
    "second_track_decided": ("Besluit over het tweede spoor genomen", "Second track decided"),
    "final_evaluation_held": ("Eindevaluatie gehouden", "Final evaluation held"),
    "wia_applied": ("WIA aangevraagd", "WIA applied for"),
    "sick_facts_recorded": ("Gegevens bij de ziekmelding", "Sick report facts"),
    "uwv_vangnet_reported": ("Vangnet gemeld bij UWV", "Vangnet case reported to UWV"),
    "uwv_vangnet_recovery_reported": (
        "Herstel vangnet gemeld bij UWV",
        "Vangnet recovery reported to UWV",
    ),
    "employment_ended": ("Uit dienst", "Employment ended"),
    "uwv_leaving_reported": ("Ziek uit dienst gemeld bij UWV", "Leaving reported to UWV"),
    "leaving_riv_handed_over": (
        "Re-integratieverslag bij uitdiensttreding",
        "Leaving RIV handed over",
    ),
    "uwv_recovery_reported": ("Herstel gemeld bij UWV", "Recovery reported to UWV"),
    "uwv_wia_letter_received": ("WIA-brief van UWV ontvangen", "UWV's WIA letter received"),
    "wage_sanction_imposed": ("Loonsanctie opgelegd", "Wage sanction imposed"),
    "sanction_objection_filed": ("Bezwaar tegen de loonsanctie", "Objection to the sanction filed"),
    "sanction_shortening_requested": ("Inkorting aangevraagd", "Shortening requested"),
    "sanction_shortened": ("Loonsanctie ingekort", "Sanction shortened"),
    "sanction_shortening_refused": ("Inkorting afgewezen", "Shortening refused"),
    "wage_extension_granted": ("Loondoorbetaling vrijwillig verlengd", "Wage payment extended"),
    "early_iva_applied": ("Vervroegde IVA aangevraagd", "Early IVA applied for"),
    "early_iva_decided": ("Besluit over vervroegde IVA", "Early IVA decided"),
    "expert_opinion_requested": ("Deskundigenoordeel aangevraagd", "Second opinion requested"),
    "expert_opinion_received": ("Deskundigenoordeel ontvangen", "Second opinion received"),
    "problem_analysis_revised": ("Probleemanalyse bijgesteld", "Problem analysis revised"),
    "plan_of_action_revised": ("Plan van aanpak bijgesteld", "Plan of action revised"),
    "current_assessment_given": ("Actueel oordeel gegeven", "Current assessment given"),
    "riv_handed_over": ("Re-integratieverslag overhandigd", "RIV handed over"),
    "waiting_days_applied": ("Wachtdagen toegepast", "Waiting days applied"),
    "capacity_assessed": ("Belastbaarheid beoordeeld", "Capacity assessed"),
    "build_up_proposed": ("Opbouwschema voorgesteld", "Build-up proposed"),
    "build_up_agreed": ("Akkoord met het opbouwschema", "Build-up agreed"),
    "stage_reviewed": ("Opbouwfase geëvalueerd", "Build-up stage reviewed"),
    "setback_reported": ("Terugval gemeld", "Setback reported"),
    "contact_agreed": ("Contactafspraak gemaakt", "Contact agreed"),
    "contact_paused": ("Contact gepauzeerd", "Contact paused"),
    "contact_resumed": ("Contact hervat", "Contact resumed"),
    "contact_held": ("Contactmoment gehouden", "Contact moment held"),
    "earlier_review_suggested": ("Eerdere herbeoordeling gevraagd", "Earlier review asked"),
    "event_corrected": ("Correctie", "Correction"),
    "event_retracted": ("Ingetrokken", "Retraction"),
}

FIELDS: dict[str, tuple[str, str]] = {  # the events' fields, as their form labels them
    "date": ("Datum", "Date"),
    "percentage": ("Arbeidsongeschikt (%)", "Unfit for work (%)"),
    "case_manager": ("Casemanager (naam)", "Case manager (name)"),
    "hours_per_day": ("Uren per dag", "Hours a day"),
    "days_per_week": ("Dagen per week", "Days a week"),
    "restrictions": ("Beperkingen (functioneel)", "Restrictions (functional)"),
    "expected_duration": ("Verwachte duur", "Expected duration"),
    "next_review": ("Volgende beoordeling", "Next review"),
    "stages": (
        "Fasen (sessies x uren, bijv. 3x2, 3x3, 4x3)",
        "Stages (sessions x hours, e.g. 3x2, 3x3, 4x3)",
    ),
    "target_hours": ("Doel (uren per week)", "Target (hours a week)"),
    "review_after_days": ("Evaluatie na (dagen)", "Review after (days)"),
    "party": ("Namens", "On behalf of"),
    "outcome": ("Uitkomst", "Outcome"),
    "to_stage": ("Naar fase", "To stage"),
    "every_days": ("Elke (dagen)", "Every (days)"),
    "form": ("Vorm", "Form"),
    "until": ("Tot en met", "Until"),
    "vangnet": ("Vangnet van toepassing", "Safety net (vangnet) applies"),
    "work_accident": ("Bedrijfsongeval", "Work accident"),
    "liable_third_party": ("Aansprakelijke derde", "Liable third party"),
    "weeks": ("Weken", "Weeks"),
    "granted": ("Toegekend", "Granted"),
    "requested_by": ("Aangevraagd door", "Requested by"),
    "question": ("Vraag", "Question"),
    "days": ("Dagen", "Days"),
    "corrects": ("Corrigeert regel", "Corrects entry"),
    "retracts": ("Trekt regel in", "Retracts entry"),
    "event": ("Wordt", "Becomes"),
}

CHOICES: dict[str, tuple[str, str]] = {  # the values of the events' fixed lists
    "no_deadline_pressure": ("geen deadlinedruk", "no deadline pressure"),
    "no_conflict_handling": ("geen conflicthantering", "no conflict handling"),
    "no_customer_contact": ("geen klantcontact", "no customer contact"),
    "no_managing_others": ("geen leidinggeven", "no managing others"),
    "limited_screen_time": ("beperkt beeldschermwerk", "limited screen time"),
    "quiet_workplace": ("rustige werkplek", "quiet workplace"),
    "fixed_working_hours": ("vaste werktijden", "fixed working hours"),
    "no_night_or_shift_work": ("geen nacht- of ploegendienst", "no night or shift work"),
    "no_overtime": ("geen overwerk", "no overtime"),
    "predictable_tasks": ("voorspelbare taken", "predictable tasks"),
    "under_1_month": ("korter dan een maand", "under a month"),
    "1_to_3_months": ("1 tot 3 maanden", "1 to 3 months"),
    "3_to_6_months": ("3 tot 6 maanden", "3 to 6 months"),
    "over_6_months": ("langer dan 6 maanden", "over 6 months"),
    "unknown": ("onbekend", "unknown"),
    "employer": ("werkgever", "employer"),
    "physician": ("bedrijfsarts", "physician"),
    "advance": ("door naar de volgende fase", "advance to the next stage"),
    "hold": ("in deze fase blijven", "hold this stage"),
    "step_back": ("een fase terug", "step back a stage"),
    "call": ("telefoon", "call"),
    "visit": ("bezoek", "visit"),
    "video": ("video", "video"),
    "app": ("app", "app"),
    "email": ("e-mail", "email"),
    "practical_updates_only": ("alleen praktische berichten", "practical updates only"),
    "true": ("ja", "yes"),
    "false": ("nee", "no"),
    "up_to_1_week": ("tot een week", "up to a week"),
    "1_to_6_weeks": ("1 tot 6 weken", "1 to 6 weeks"),
    "6_to_13_weeks": ("6 tot 13 weken", "6 to 13 weeks"),
    "over_13_weeks": ("langer dan 13 weken", "over 13 weeks"),
    "employee": ("werknemer", "employee"),
    "fit_for_own_work": ("geschikt voor eigen werk", "fit for own work"),
    "suitable_work": ("passend werk", "suitable work"),
    "employee_efforts": ("re-integratie-inspanningen werknemer", "the employee's efforts"),
    "employer_efforts": ("re-integratie-inspanningen werkgever", "the employer's efforts"),
}

ROLES: dict[str, tuple[str, str]] = {
    "employee": ("werknemer", "employee"),
    "manager": ("leidinggevende", "manager"),
    "hr": ("HR", "HR"),
    "physician": ("bedrijfsarts", "physician"),
    "auditor": ("auditor", "auditor"),
    "coach": ("coach", "coach"),
    "admin": ("beheerder", "administrator"),
}

READS: dict[str, tuple[str, str]] = {  # why a case was read, as the read log names it
    "case": ("Dossier ingezien", "Case read"),
    "audit": ("Audittrail ingezien", "Audit trail read"),
    "cases": ("Getoond in een overzicht", "Shown in a list"),
    "recovery": ("Herstel ingezien", "Recovery read"),
}

REMINDERS: dict[str, tuple[str, str]] = {  # the kinds of reminder in a delivery's line
    "ahead": ("Herinnering vooraf", "Reminder ahead"),
    "due": ("Herinnering op de dag", "Reminder on the day"),
    "escalation": ("Termijn verstreken", "Deadline passed"),
    "overview": ("Weekoverzicht van verstreken termijnen", "Weekly overview of passed deadlines"),
    "news": ("Bericht", "News"),
}

_DAYS = {
    "nl": ("ma", "di", "wo", "do", "vr", "za", "zo"),
    "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
}
_MONTHS = {
    "nl": ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"),
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
}


def language_of(cookie: str | None) -> str:
    return cookie if cookie in LANGUAGES else DEFAULT


class Words:
    """The console's words in one language, for the templates."""

    def __init__(self, language: str) -> None:
        self.language = language
        self._index = LANGUAGES.index(language)

    def __call__(self, key: str, **values: object) -> str:
        return _WORDS[key][self._index].format(**values)

    def step(self, step: str) -> str:
        return STEPS[step][self._index] if step in STEPS else step

    def law(self, step: str) -> str:
        """The step's legal basis and what missing it costs, exactly as UWV-TRACKS.md says."""
        info = STEP_INFO[Step(step)]
        basis = info.basis.text(self.language).rstrip(".")
        consequence = info.consequence.text(self.language).rstrip(".")
        return f"{self('basis')}: {basis}. {self('if_missed')}: {consequence}."

    def party(self, party: str) -> str:
        return PARTIES[party][self._index] if party in PARTIES else party

    def event(self, event_type: str) -> str:
        return EVENTS[event_type][self._index] if event_type in EVENTS else event_type

    def field(self, name: str) -> str:
        return FIELDS[name][self._index] if name in FIELDS else name

    def choice(self, value: str) -> str:
        return CHOICES[value][self._index] if value in CHOICES else value

    def role(self, role: str) -> str:
        return ROLES[role][self._index] if role in ROLES else role

    def read(self, purpose: str) -> str:
        return READS[purpose][self._index] if purpose in READS else purpose

    def reminder(self, kind: str) -> str:
        return REMINDERS[kind][self._index] if kind in REMINDERS else kind

    def number(self, value: float) -> str:
        """A number as this language writes it: 2,5 in Dutch, 2.5 in English; 3, not 3.0."""
        written = f"{value:g}"
        return written.replace(".", ",") if self.language == "nl" else written

    def moment(self, at: dt.datetime) -> str:
        """A moment in Amsterdam's time: "di 3 feb 2026 14:05"."""
        utc = at if at.tzinfo else at.replace(tzinfo=dt.UTC)  # the store keeps UTC
        local = utc.astimezone(AMSTERDAM)
        return f"{self.date(local.date())} {local:%H:%M}"

    def due(self, step: OpenStep) -> str:
        """When to do a step by: for a legal step due on a weekend day or a holiday, the last
        working day before it, with the legal date after it (as the reminders say)."""
        do_by = step.due
        if STEP_INFO[step.step].law_step and step.actionable:
            do_by = last_working_day_on_or_before(step.due, HOLIDAYS)
        if do_by == step.due:
            return self.date(step.due)
        return self("do_by_legal", day=self.date(do_by), legal=self.date(step.due))

    def date(self, day: dt.date | None) -> str:
        """A date as people write it: "di 3 feb 2026" (Dutch) or "Tue 3 Feb 2026"."""
        if day is None:
            return ""
        weekday = _DAYS[self.language][day.weekday()]
        return f"{weekday} {day.day} {_MONTHS[self.language][day.month - 1]} {day.year}"
