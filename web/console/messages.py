"""Every word the console shows, in Dutch (the default) and English, and dates the way each
language writes them ("di 3 feb 2026"). The one-line reasons of refused input stay the CLI's."""

from __future__ import annotations

import datetime as dt

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
    "none": ("geen", "none"),
    "no_cases": ("Geen dossiers gevonden.", "No cases found."),
    "matching": ("{n} dossiers", "{n} cases"),
    "page": ("Pagina {page} van {pages}", "Page {page} of {pages}"),
    "previous": ("Vorige", "Previous"),
    "next": ("Volgende", "Next"),
    "report_sick": ("Ziekmelding", "Report sick"),
    "employee_key": ("Personeelsnummer", "Employee key"),
    "name": ("Naam", "Name"),
    "first_sick_day": ("Eerste ziektedag", "First sick day"),
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
    "when": ("Wanneer (UTC)", "When (UTC)"),
    "kind": ("Soort", "Kind"),
    "what": ("Wat", "What"),
    "details": ("Details", "Details"),
    "who": ("Door", "By"),
    "role": ("Rol", "Role"),
    "error": ("Dat kan niet", "That is not possible"),
    "not_found": ("Niet gevonden", "Not found"),
    "forbidden": ("Geweigerd", "Refused"),
    "back": ("Terug naar het overzicht", "Back to the dashboard"),
    "language": ("Taal", "Language"),
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
        "Uw werkgever betaalt uw loon door tot {due}.",
        "Your employer keeps paying your wages until {due}.",
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
    "contact_agreement": ("Contactafspraak", "Contact agreement"),
    "contact_now": (
        "Contact via {form}, elke {days} dagen. Volgende keer uiterlijk {due}.",
        "Contact by {form}, every {days} days. Next time by {due}.",
    ),
    "contact_paused_until": (
        "Op uw verzoek is er geen contact tot {until}.",
        "At your request there is no contact until {until}.",
    ),
    "no_contact_agreement": (
        "Er is nog geen contactafspraak.",
        "There is no contact agreement yet.",
    ),
    "contact_moments": ("Contactmomenten", "Contact moments"),
    "agree_contact": ("Contactafspraak maken", "Agree on contact"),
    "every_days": ("Hoe vaak (elke zoveel dagen)", "How often (every so many days)"),
    "contact_form": ("Hoe", "How"),
    "agreed_on": ("Afgesproken op", "Agreed on"),
    "pause_contact": ("Contact pauzeren", "Pause contact"),
    "pause_until": ("Geen contact tot", "No contact until"),
    "asked_on": ("Gevraagd op", "Asked on"),
    "resume_contact": ("Contact hervatten", "Resume contact"),
    "resumed_on": ("Hervat op", "Resumed on"),
    "record_contact": ("Contactmoment vastleggen", "Record a contact moment"),
    "held_on": ("Gehad op", "Held on"),
    "propose_build_up": ("Opbouw voorstellen", "Propose a build-up"),
    "stages": ("Stappen (keren per week x uren)", "Stages (times a week x hours)"),
    "stages_hint": ("bijvoorbeeld 3x2, 3x3, 4x3", "for example 3x2, 3x3, 4x3"),
    "target_hours": ("Doel: uren per week", "Target: hours a week"),
    "review_after_days": ("Elke stap bespreken na (dagen)", "Review each stage after (days)"),
    "proposed_on": ("Voorgesteld op", "Proposed on"),
    "build_up": ("Opbouw", "Build-up"),
    "no_build_up": ("Er is nog geen opbouw voorgesteld.", "No build-up has been proposed yet."),
    "build_up_state": (
        "Doel {target} uur per week; akkoord van: {agreed}.",
        "Target {target} hours a week; agreed by: {agreed}.",
    ),
    "nobody_yet": ("nog niemand", "nobody yet"),
    "stage_n": (
        "Stap {n}: {sessions} keer per week {hours} uur",
        "Stage {n}: {sessions} times a week, {hours} hours",
    ),
    "current_stage": ("nu", "now"),
    "capacity": ("Wat u aankunt", "What you can do"),
    "capacity_now": (
        "Volgens de bedrijfsarts ({day}): {days} dagen per week, {hours} uur per dag.",
        "According to the physician ({day}): {days} days a week, {hours} hours a day.",
    ),
    "no_capacity": (
        "Nog niet beoordeeld door de bedrijfsarts.",
        "Not assessed by the physician yet.",
    ),
    "done_contact_agreed": (
        "De contactafspraak is vastgelegd.",
        "The contact agreement was recorded.",
    ),
    "done_contact_paused": ("De pauze is vastgelegd.", "The pause was recorded."),
    "done_contact_resumed": ("Het contact is hervat.", "Contact was resumed."),
    "done_contact_held": ("Het contactmoment is vastgelegd.", "The contact moment was recorded."),
    "done_build_up_proposed": ("Uw voorstel is vastgelegd.", "Your proposal was recorded."),
    "form_call": ("telefoon", "phone call"),
    "form_visit": ("bezoek", "visit"),
    "form_video": ("videogesprek", "video call"),
    "form_app": ("app", "app"),
    "form_email": ("e-mail", "email"),
    "form_practical_updates_only": ("alleen praktische berichten", "practical updates only"),
    "back_home": ("Terug naar uw overzicht", "Back to your overview"),
    "role_physician": ("bedrijfsarts", "physician"),
    "role_coach": ("coach", "coach"),
}

STEPS: dict[str, tuple[str, str]] = {
    "notify_physician": ("Ziekmelding bij de bedrijfsarts", "Notify the physician"),
    "physician_consult": ("Eerste consult bedrijfsarts", "Physician's first consult"),
    "problem_analysis": ("Probleemanalyse", "Problem analysis"),
    "plan_of_action": ("Plan van aanpak", "Plan of action"),
    "evaluation": ("Evaluatie plan van aanpak", "Evaluation of the plan"),
    "uwv_sickness_report": ("Ziekmelding UWV (week 42)", "Sickness report to UWV (week 42)"),
    "first_year_evaluation": ("Eerstejaarsevaluatie", "First-year evaluation"),
    "second_track_decision": ("Besluit tweede spoor", "Second-track decision"),
    "final_evaluation": ("Eindevaluatie", "Final evaluation"),
    "wia_application": ("WIA-aanvraag", "WIA application"),
    "wage_continuation_end": ("Einde loondoorbetaling", "End of wage continuation"),
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
    "informational": ("ter informatie", "for information"),
    "hr": ("HR", "HR"),
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

    def party(self, party: str) -> str:
        return PARTIES[party][self._index] if party in PARTIES else party

    def date(self, day: dt.date | None) -> str:
        """A date as people write it: "di 3 feb 2026" (Dutch) or "Tue 3 Feb 2026"."""
        if day is None:
            return ""
        weekday = _DAYS[self.language][day.weekday()]
        return f"{weekday} {day.day} {_MONTHS[self.language][day.month - 1]} {day.year}"
