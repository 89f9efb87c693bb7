"""Rehearsal mode: simulated participants who use the phone page over HTTP at a human pace.

A client of the web face only: each simulated person joins through the join address, reads
the page's forms and posts votes, answers and a role like a phone would. Nothing here calls
the session directly, so a rehearsal exercises the same path as a room full of phones.
"""

from __future__ import annotations

import asyncio
import random
import zlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from html.parser import HTMLParser

import aiohttp
from yarl import URL

# Sample answers for reflection steps, in both language forms (same meaning, same order).
SAMPLE_ANSWERS: dict[str, tuple[str, ...]] = {
    "nb": (
        "Vi må bli flinkere til å si fra tidlig når noe skurrer.",
        "Tydelige vedtak gjør det lettere for administrasjonen å følge opp.",
        "Faste møter mellom ordfører og kommunedirektør hver uke.",
        "Alle folkevalgte må få den samme informasjonen samtidig.",
        "Vi blander ofte roller når vi får henvendelser fra innbyggere.",
        "Arbeidsgiverpolitikken bør behandles tidlig i perioden.",
        "Mer tid til dialog, mindre tid til detaljstyring.",
        "Kommunedirektøren bør få ro til å gjøre jobben sin.",
        "Vi trenger bedre rapportering på sykefravær og heltid.",
        "Gi samspillet plass på agendaen, ikke bare sakene.",
        "Det er uklart hvem som følger opp arbeidsgiverrollen hos oss.",
        "Ta kontakt med kommunedirektøren, ikke med enhetslederne direkte.",
        "Vi bør evaluere samarbeidet en gang i året.",
        "Tillit bygges over tid – og kan rives ned på et øyeblikk.",
        "Saksframleggene er gode, men kommer ofte for sent.",
        "Be om en orientering før vi vedtar noe.",
        "Lytte mer til de tillitsvalgte.",
        "Respekt for at administrasjonen har begrenset kapasitet.",
        "Vi må snakke sammen også når vi er uenige.",
        "Ordføreren bør være bindeleddet, ikke flaskehalsen.",
        "Felles opplæring for nye folkevalgte og ledere.",
        "Mer åpenhet om hva som er politikk og hva som er drift.",
        "Lojalitet til vedtak, også når vi stemte imot.",
        "Følge opp det vi blir enige om – og skrive det ned.",
    ),
    "nn": (
        "Vi må bli flinkare til å seie frå tidleg når noko skurrar.",
        "Tydelege vedtak gjer det lettare for administrasjonen å følgje opp.",
        "Faste møte mellom ordføraren og kommunedirektøren kvar veke.",
        "Alle folkevalde må få den same informasjonen samtidig.",
        "Vi blandar ofte roller når vi får førespurnader frå innbyggjarar.",
        "Arbeidsgivarpolitikken bør handsamast tidleg i perioden.",
        "Meir tid til dialog, mindre tid til detaljstyring.",
        "Kommunedirektøren bør få ro til å gjere jobben sin.",
        "Vi treng betre rapportering på sjukefråvær og heiltid.",
        "Gi samspelet plass på agendaen, ikkje berre sakene.",
        "Det er uklart kven som følgjer opp arbeidsgivarrolla hos oss.",
        "Ta kontakt med kommunedirektøren, ikkje med einingsleiarane direkte.",
        "Vi bør evaluere samarbeidet ein gong i året.",
        "Tillit blir bygd over tid – og kan rivast ned på eit augneblink.",
        "Saksframlegga er gode, men kjem ofte for seint.",
        "Be om ei orientering før vi vedtek noko.",
        "Lytte meir til dei tillitsvalde.",
        "Respekt for at administrasjonen har avgrensa kapasitet.",
        "Vi må snakke saman også når vi er usamde.",
        "Ordføraren bør vere bindeleddet, ikkje flaskehalsen.",
        "Felles opplæring for nye folkevalde og leiarar.",
        "Meir openheit om kva som er politikk og kva som er drift.",
        "Lojalitet til vedtak, også når vi røysta imot.",
        "Følgje opp det vi blir samde om – og skrive det ned.",
    ),
}

# Words simulated people give on a words step, the first ones more often (same meaning, same order).
SAMPLE_WORDS: dict[str, tuple[str, ...]] = {
    "nb": ("tillit", "dialog", "respekt", "travelt", "åpenhet", "samarbeid", "uklare roller",
           "god tone", "ryddig", "lojalitet", "engasjement", "forbedring"),
    "nn": ("tillit", "dialog", "respekt", "travelt", "openheit", "samarbeid", "uklare roller",
           "god tone", "ryddig", "lojalitet", "engasjement", "forbetring"),
}

# Sample questions for questions steps, in both language forms (same meaning, same order).
SAMPLE_QUESTIONS: dict[str, tuple[str, ...]] = {
    "nb": (
        "Hvem avgjør om en omorganisering skal opp til politisk behandling?",
        "Kan et utvalg kreve å få en sak til vedtak?",
        "Hva gjør vi når vi mener administrasjonen har gått for langt?",
        "Hvor går grensen mellom å orientere og å blande seg inn?",
        "Hvem kan vi spørre når reglementet er uklart?",
        "Hvor ofte bør delegeringsreglementet gjennomgås?",
    ),
    "nn": (
        "Kven avgjer om ei omorganisering skal opp til politisk handsaming?",
        "Kan eit utval krevje å få ei sak til vedtak?",
        "Kva gjer vi når vi meiner administrasjonen har gått for langt?",
        "Kvar går grensa mellom å orientere og å blande seg inn?",
        "Kven kan vi spørje når reglementet er uklart?",
        "Kor ofte bør delegeringsreglementet gjennomgåast?",
    ),
}
UPVOTES = 3  # how many questions one simulated person upvotes at most, one at a time
# The first two people take these roles when offered (the gap view needs both).
LEADING_ROLES = ("ordforer", "kommunedirektor")
ROLE_WEIGHTS = {"folkevalgt": 6.0, "administrasjon": 3.0, "annet": 1.0}
DONT_KNOW = "0"
MAX_BACKOFF = 30.0


@dataclass(frozen=True)
class Pace:
    """How simulated people behave in time (seconds), and the seed of their choices."""

    arrival: float = 25.0  # arrivals are spread over this window
    think: tuple[float, float] = (2.0, 8.0)  # before a vote or a role
    typing: tuple[float, float] = (8.0, 25.0)  # before each answer
    poll: float = 1.0  # between checks of the current step, as the page's script does
    seed: int | None = None  # None: different people every run


HUMAN_PACE = Pace()
QUICK_PACE = Pace(arrival=0.5, think=(0.0, 0.1), typing=(0.0, 0.2), poll=0.1, seed=1)  # tests, screenshots


@dataclass
class Form:
    """A form of the phone page: where it posts, its hidden fields, choices and text areas."""

    action: str
    fields: dict[str, str] = field(default_factory=dict)
    choices: dict[str, list[str]] = field(default_factory=dict)
    texts: list[str] = field(default_factory=list)
    words: list[str] = field(default_factory=list)  # one-line text fields
    numbers: dict[str, int] = field(default_factory=dict)  # number fields and their maximum


class PhonePage(HTMLParser):
    """The parts of a phone page a participant acts on: language, step number and revision, forms."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.lang = "nb"
        self.step: str | None = None
        self.rev: str | None = None
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._select: str | None = None
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "html" and a.get("lang"):
            self.lang = a["lang"]
        elif tag == "main" and "data-step" in a:
            self.step, self.rev = a["data-step"], a.get("data-rev")
        elif tag == "form":
            self._form = Form(a.get("action", ""))
            self.forms.append(self._form)
        elif self._form is not None:
            self._form_tag(self._form, tag, a)

    def _form_tag(self, form: Form, tag: str, a: dict[str, str]) -> None:
        name = a.get("name", "")
        kind = a.get("type", "text").lower()
        if tag == "input" and name and kind == "hidden":
            form.fields.setdefault(name, a.get("value", ""))
        elif tag == "input" and name and kind == "radio" and "disabled" not in a:
            form.choices.setdefault(name, []).append(a.get("value", "on"))
        elif tag == "textarea" and name:
            form.texts.append(name)
        elif tag == "input" and name and kind == "text":
            form.words.append(name)
        elif tag == "input" and name and kind == "number" and a.get("max", "").isdecimal():
            form.numbers[name] = int(a["max"])
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and "disabled" not in a and a.get("value"):
            form.choices.setdefault(self._select, []).append(a["value"])
        elif tag == "button" and name and "value" in a:
            form.choices.setdefault(name, []).append(a["value"])

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None

    def form(self, action: str) -> Form | None:
        """The first form posting to ``action``."""
        return next(iter(self.forms_to(action)), None)

    def forms_to(self, action: str) -> list[Form]:
        """Every form posting to ``action``."""
        return [f for f in self.forms if f.action.rstrip("/").endswith(action)]


def _crc(*parts: object) -> int:
    """A stable hash (unlike ``hash``, the same in every process)."""
    return zlib.crc32("|".join(map(str, parts)).encode())


@dataclass
class Person:
    """One simulated participant: a leaning on agreement scales and a habit of writing."""

    number: int
    rng: random.Random
    leaning: float  # added to the 1..5 scale: a critical or a content person
    talkative: float  # chance of answering each question
    role: str | None = None
    done: set[str] = field(default_factory=set)  # step keys acted on

    def scale_vote(self, step_key: str, options: list[str]) -> str:
        """A plausible answer on the agreement scale: the statement's mood plus this person's."""
        if DONT_KNOW in options and self.rng.random() < 0.04:
            return DONT_KNOW
        mood = random.Random(_crc("mood", step_key))
        bias = mood.uniform(-1.3, 1.3)
        # On some statements the two leaders see things differently: a gap for the gap view.
        gap = mood.uniform(-1.0, 1.0) * {"ordforer": 1, "kommunedirektor": -1}.get(self.role or "", 0)
        score = 3 + bias + gap + self.leaning + self.rng.gauss(0, 0.7)
        scale = sorted((o for o in options if o != DONT_KNOW), key=int)
        index = max(0, min(len(scale) - 1, round(score) - int(scale[0])))
        return scale[index]

    def pick(self, step_key: str, options: list[str]) -> str:
        """A vote: on the agreement scale when the options are its digits, else a weighted choice."""
        if all(o.isdigit() for o in options) and len(options) >= 3:
            return self.scale_vote(step_key, options)
        popular = random.Random(_crc("poll", step_key))
        weights = [popular.random() ** 2 + 0.05 for _ in options]
        return self.rng.choices(options, weights)[0]

    def ballot(self, key: str, form: Form, lang: str) -> dict[str, str]:
        """What this person fills in on a vote form: an option, a few words, places or points."""
        if form.choices.get("value"):
            return {"value": self.pick(key, form.choices["value"])}
        if form.words:
            samples = SAMPLE_WORDS.get(lang, SAMPLE_WORDS["nb"])
            weights = [1 / (n + 1.5) for n in range(len(samples))]
            chosen = list(dict.fromkeys(self.rng.choices(samples, weights, k=self.rng.randint(1, 3))))
            return dict(zip(form.words, chosen, strict=False))
        names = [n for n in form.choices if n.startswith("r.")] or list(form.numbers)
        # Every alternative has a pull shared by the room (per step), plus this person's own view.
        pull = {n: random.Random(_crc("rank", key, n)).uniform(0, 3) + self.rng.gauss(0, 1) for n in names}
        if form.numbers:
            total = max(form.numbers.values())
            given = self.rng.choices(names, [2 ** pull[n] for n in names], k=total)
            return {n: str(given.count(n)) for n in names}
        order = sorted(names, key=lambda n: -pull[n])
        return {n: str(order.index(n) + 1) for n in names}

    def choose_role(self, options: list[str]) -> str:
        """The leaders first, then mostly elected members."""
        if self.number < len(LEADING_ROLES) and LEADING_ROLES[self.number] in options:
            return LEADING_ROLES[self.number]
        rest = [o for o in options if o not in LEADING_ROLES] or options
        return self.rng.choices(rest, [ROLE_WEIGHTS.get(o, 1.0) for o in rest])[0]


class Demo:
    """``count`` simulated participants joining through ``join_url()`` and following the room."""

    def __init__(self, join_url: Callable[[], str], count: int, pace: Pace = HUMAN_PACE,
                 returning: Mapping[str, Sequence[str]] | None = None) -> None:
        self.join_url, self.pace = join_url, pace
        # Cookie name -> the ids of people who joined in an earlier run; they come back as them.
        self.returning = [(name, pid) for name, ids in (returning or {}).items() for pid in ids]
        rng = random.Random(pace.seed)
        self.people = [Person(n, random.Random(rng.random()), rng.gauss(0, 0.6), rng.uniform(0.35, 0.9))
                       for n in range(count)]
        self.arrivals = sorted(rng.uniform(0, pace.arrival) for _ in range(count))
        self._answers_given: dict[str, int] = {}

    async def run(self) -> None:
        """Run every simulated participant until cancelled."""
        connector = aiohttp.TCPConnector(limit=32)
        try:
            async with asyncio.TaskGroup() as group:
                for person, delay in zip(self.people, self.arrivals, strict=True):
                    group.create_task(self._live(person, delay, connector))
        finally:
            await connector.close()

    async def _live(self, person: Person, delay: float, connector: aiohttp.BaseConnector) -> None:
        await asyncio.sleep(delay)
        async with aiohttp.ClientSession(
            connector=connector, connector_owner=False, cookie_jar=aiohttp.CookieJar(unsafe=True),
            timeout=aiohttp.ClientTimeout(total=20),
        ) as http:
            phone = SimulatedPhone(http, self.pace, random.Random(person.rng.random()))
            if person.number < len(self.returning):  # joined in an earlier run: the same phone
                name, pid = self.returning[person.number]
                http.cookie_jar.update_cookies({name: pid}, URL(self.join_url()).origin())
            while True:
                await phone.join(self.join_url)
                page = await phone.page()
                while page is not None:
                    if not await self._act(phone, person, page):
                        await phone.wait_for_change(page.step, page.rev)
                    page = await phone.page()
                await phone.wait_after_failure()  # no longer joined: join again, unhurried

    async def _act(self, phone: SimulatedPhone, person: Person, page: PhonePage) -> bool:
        """Do what a participant does on ``page``; True when the page changed (a role was chosen)."""
        role = page.form("/role")
        if role is not None and role.choices.get("role") and person.role is None:
            choice = person.choose_role(role.choices["role"])
            await phone.think(self.pace.think)
            if await phone.post(role, role=choice):
                person.role = choice
                return True
            return False
        rating = page.form("/rate")
        if rating is not None:
            return await self._rate(phone, person, rating)
        vote = page.form("/vote")
        if vote is not None:
            key = vote.fields.get("step", "")
            if key not in person.done:
                await phone.think(self.pace.think)
                if await phone.post(vote, **person.ballot(key, vote, page.lang)):
                    person.done.add(key)
            return False
        ask = page.form("/ask")
        if ask is not None and ask.fields.get("step", "") not in person.done:
            await self._ask_and_upvote(phone, person, ask, page.lang)
            return False
        answers = page.forms_to("/answer")
        key = answers[0].fields.get("step", "") if answers else ""
        if answers and key not in person.done:
            person.done.add(key)
            await self._write_answers(phone, person, key, len(answers), page.lang)
        return False

    async def _rate(self, phone: SimulatedPhone, person: Person, form: Form) -> bool:
        """Rate the statement on screen and go on, or press «Ferdig» at the end (never undo it);
        True when the page changed."""
        go = form.choices.get("go", [])
        if form.choices.get("value"):
            await phone.think(self.pace.think)
            key = f"{form.fields.get('step', '')}#{form.fields.get('i', '')}"
            return await phone.post(form, value=person.pick(key, form.choices["value"]), go="next")
        if "done" in go:
            await phone.think(self.pace.think)
            return await phone.post(form, go="done")
        return False

    async def _ask_and_upvote(self, phone: SimulatedPhone, person: Person, ask: Form, lang: str) -> None:
        """Maybe ask one question after a while of typing, then upvote a few of the room's questions,
        one at a time, looking at the list afresh each time (the room may move on meanwhile)."""
        key = ask.fields.get("step", "")
        person.done.add(key)
        if person.rng.random() < person.talkative:
            await phone.think(self.pace.typing)
            samples = SAMPLE_QUESTIONS.get(lang, SAMPLE_QUESTIONS["nb"])
            await phone.post(ask, text=samples[person.rng.randrange(len(samples))])
        for _ in range(UPVOTES):
            await phone.think(self.pace.think)
            fresh = await phone.page()
            if fresh is None or (fresh.form("/ask") or ask).fields.get("step") != key:
                return  # the room moved on
            open_ = [f for f in fresh.forms_to("/upvote") if f.choices.get("on") == ["1"]]
            if not open_:
                continue
            await phone.post(open_[person.rng.randrange(len(open_))], on="1")

    async def _write_answers(self, phone: SimulatedPhone, person: Person, key: str, questions: int,
                             lang: str) -> None:
        """Answer some of the questions, each after a while of typing, on a fresh form."""
        for q in range(questions):
            if person.rng.random() >= person.talkative:
                continue
            await phone.think(self.pace.typing)
            fresh = await phone.page()
            forms = fresh.forms_to("/answer") if fresh is not None else []
            if q >= len(forms) or forms[q].fields.get("step") != key:
                return  # the room moved on while this person was typing
            await phone.post(forms[q], text=self._answer_text(lang, f"{key}|{q}"))

    def _answer_text(self, lang: str, question: str) -> str:
        """The next sample answer to a question, so answers to one question rarely repeat."""
        samples = SAMPLE_ANSWERS.get(lang, SAMPLE_ANSWERS["nb"])
        n = self._answers_given.get(question, 0)
        self._answers_given[question] = n + 1
        order = list(range(len(samples)))
        random.Random(_crc("answers", question)).shuffle(order)
        return samples[order[n % len(samples)]]


class SimulatedPhone:
    """One simulated phone's HTTP conversation, with back-off on errors and rate limits."""

    def __init__(self, http: aiohttp.ClientSession, pace: Pace, rng: random.Random) -> None:
        self.http, self.pace, self.rng = http, pace, rng
        self.origin = ""
        self._backoff = 0.0

    async def think(self, span: tuple[float, float]) -> None:
        """Wait as a person does before acting."""
        await asyncio.sleep(self.rng.uniform(*span))

    async def wait_after_failure(self, retry_after: str | None = None) -> None:
        """Back off exponentially (at least ``Retry-After`` seconds when the server says so)."""
        self._backoff = min(MAX_BACKOFF, max(0.5, self._backoff * 2))
        delay = self._backoff
        if retry_after and retry_after.strip().isdigit():
            delay = max(delay, float(retry_after))
        await asyncio.sleep(delay * self.rng.uniform(1.0, 1.5))

    async def join(self, join_url: Callable[[], str]) -> None:
        """Open the join address (the QR code's) until the server lets this phone in."""
        while True:
            url = URL(join_url())
            self.origin = str(url.origin())
            try:
                async with self.http.get(url, allow_redirects=False) as r:
                    if r.status in (302, 303):
                        self._backoff = 0.0
                        return
                    retry_after = r.headers.get("Retry-After")
            except (aiohttp.ClientError, TimeoutError):
                retry_after = None
            await self.wait_after_failure(retry_after)

    async def page(self) -> PhonePage | None:
        """The current page, or None when this phone is no longer joined."""
        while True:
            try:
                async with self.http.get(self.origin + "/") as r:
                    if r.status == 200:
                        self._backoff = 0.0
                        return PhonePage(await r.text())
                    if r.status == 403:
                        return None
                    retry_after = r.headers.get("Retry-After")
            except (aiohttp.ClientError, TimeoutError):
                retry_after = None
            await self.wait_after_failure(retry_after)

    async def wait_for_change(self, step: str | None, rev: str | None) -> None:
        """Poll where the room is, as the page's script does, until the step or its state changed."""
        while True:
            await asyncio.sleep(self.pace.poll * self.rng.uniform(0.8, 1.2))
            try:
                async with self.http.get(self.origin + "/state") as r:
                    if r.status == 403:
                        return
                    if r.status == 200:
                        self._backoff = 0.0
                        state = await r.json()
                        now = state.get("step"), state.get("rev")
                        if (str(now[0]), None if now[1] is None else str(now[1])) != (step, rev):
                            return
                        continue
                    retry_after = r.headers.get("Retry-After")
            except (aiohttp.ClientError, TimeoutError, ValueError):
                retry_after = None
            await self.wait_after_failure(retry_after)

    async def post(self, form: Form, **values: str) -> bool:
        """Submit ``form`` with its hidden fields and ``values``; True once the server saved it."""
        data = {**form.fields, **values}
        for _ in range(5):
            retry_after = None
            try:
                async with self.http.post(self.origin + form.action, data=data, allow_redirects=False,
                                          headers={"Origin": self.origin}) as r:
                    if r.status in (302, 303):
                        self._backoff = 0.0
                        return True
                    if r.status not in (429, 503):
                        return False  # rejected (locked, step moved on, closed): a person gives up
                    retry_after = r.headers.get("Retry-After")
            except (aiohttp.ClientError, TimeoutError):
                pass
            await self.wait_after_failure(retry_after)
        return False


async def run_demo(join_url: Callable[[], str], count: int, pace: Pace = HUMAN_PACE,
                   returning: Mapping[str, Sequence[str]] | None = None) -> None:
    """Simulate ``count`` participants joining at ``join_url()`` until cancelled; those in
    ``returning`` (cookie name -> participant ids) come back instead of joining anew."""
    await Demo(join_url, count, pace, returning).run()
