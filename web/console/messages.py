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
    # dashboard filters and auditor pages
    "stage_filter": ("Opbouwfase", "Build-up stage"),
    "stage_any": ("Alle", "Any"),
    "stage_none": ("Geen opbouw", "No build-up"),
    "stage_building": ("In opbouw", "In build-up"),
    "stage_review": ("Fase-evaluatie te doen", "Stage review due"),
    "build_up": ("Opbouw", "Build-up"),
    "stage_of": ("fase {stage} van {stages}", "stage {stage} of {stages}"),
    "no_build_up": ("—", "—"),
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
