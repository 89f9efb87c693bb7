"""UI strings in bokmål (nb) and nynorsk (nn)."""

from __future__ import annotations

import errno

LANGS = ("nb", "nn")

_STRINGS: dict[str, dict[str, str]] = {
    "nb": {
        "app.title": "Samspill",
        "home.heading": "Ny eller fortsatt økt",
        "home.programme": "Program",
        "home.session": "Navn på økta",
        "home.start": "Start økta",
        "home.bad_name": "Navnet kan bare ha bokstaver, tall, punktum, - og _ (høyst 64 tegn).",
        "home.locked": "Økta «{name}» er allerede åpen i en annen Samspill.",
        "home.mismatch": "Økta «{name}» finnes allerede med et annet program.",
        "home.not_in_lang": (
            "Økta «{name}» kan ikke starte: noe av det programmet trenger, finnes ikke på denne "
            "målformen. Se «samspill content check»."
        ),
        "lang.nb": "bokmål",
        "lang.nn": "nynorsk",
        "cli.usage": "bruk:",
        "cli.error": "feil",
        "cli.positionals": "argumenter",
        "cli.options": "valg",
        "cli.commands": "kommandoer",
        "cli.err.choice": "{arg}: ugyldig valg {value} (velg blant {choices})",
        "cli.err.value": "{arg}: ugyldig verdi {value}",
        "cli.err.one": "{arg} trenger en verdi",
        "cli.err.required": "dette må gis: {args}",
        "cli.err.unknown": "ukjente argumenter: {args}",
        "cli.help.help": "vis denne hjelpen og avslutt",
        "cli.help.description": (
            "Samspill: verksted for folkevalgte med mobilstemmer. Uten kommando åpner appen "
            "startskjermen."
        ),
        "cli.help.content": "mappa med innholdet (nb/ og nn/; standard: innholdet som følger med)",
        "cli.help.lang": "målform for skjermen og mobilene: nb (bokmål, standard) eller nn (nynorsk)",
        "cli.help.run": "start appen (rett i lobbyen når en økt er gitt)",
        "cli.help.programme": "program-id, for eksempel folkevalgtdag",
        "cli.help.session": "navn på økta; finnes den, fortsetter den der den slapp",
        "cli.help.host": (
            "adressen det lyttes på og som vises mobilene (standard: alle, og laptopens adresse på "
            "nettverket vises)"
        ),
        "cli.help.port": (
            "port (standard: {port}; 0 velger en ledig port for en ny økt; en økt som fortsetter, tar "
            "porten den hadde)"
        ),
        "cli.help.theme": (
            "light: lyst tema med høy kontrast for projektor (standard), eller dark; tasten d bytter"
        ),
        "cli.help.min_group": (
            "anonymitetsgrensen for en ny økt: ingen gruppe med færre enn K svar vises (standard: {n}, "
            "minst {least})"
        ),
        "cli.help.demo": "prøvekjøring: N simulerte deltakere blir med, stemmer og svarer over nettet",
        "cli.help.follows": "start med avtalene fra denne tidligere økta som første punkt på dagsordenen",
        "cli.help.attach": "legg ved et Markdown-notat (kommunedirektørens) til økta",
        "cli.help.export": "skriv oppsummeringen av en økt (trygt mens den kjører)",
        "cli.help.session_name": "navnet på økta",
        "cli.help.format": "formatet: md, html, csv, json, pdf eller xlsx (standard: md)",
        "cli.help.out": "fila det skrives til (standard: skjermen)",
        "cli.help.sessions": "vis eller slett lagrede økter, legg ved et notat",
        "cli.help.list": "navn, program, opprettet, deltakere og størrelse",
        "cli.help.delete": "slett en økt og det som er eksportert fra den",
        "cli.help.yes": "ikke spør før sletting",
        "cli.help.attach_note": "legg ved et Markdown-notat til en økt",
        "cli.help.file": "Markdown-fila",
        "cli.help.content_tools": "verktøy for innholdet",
        "cli.help.check": "kontroller innholdet; avslutter med 1 når noe er feil",
        "cli.help.dir": "mappa med innholdet (standard: --content)",
        "cli.content_broken": "Innholdet i {path} har feil:",
        "cli.twin": (
            "Advarsel: {where}: «{id}» finnes ikke på {form}. Økter på {form} som trenger det, kan ikke"
            " starte."
        ),
        "cli.pair_needed": "samspill run: --programme og --session må gis sammen",
        "cli.unknown_programme": "ukjent program «{programme}» (finnes: {known})",
        "cli.untranslated": (
            "programmet «{programme}» kan ikke kjøres på {form}: «{needs}» finnes bare på {other}. "
            "Start økta med --lang {other_code}, eller skriv versjonen på {form} først."
        ),
        "cli.bad_name": "{command}: ugyldig navn på økta «{name}»",
        "cli.read_failed": "{command}: kunne ikke lese {path}: {reason}",
        "cli.carried": "Tok med {n} avtale(r) fra «{source}» i «{name}»",
        "cli.attached": "La ved {path} i «{name}»",
        "cli.rejected.programme-mismatch": "økta «{name}» finnes allerede med et annet program",
        "cli.rejected.unknown-programme": "programmet «{programme}» kan ikke kjøres på denne målformen",
        "cli.rejected.no-agenda": "programmet «{programme}» har ingen dagsorden å føre avtalene inn i",
        "cli.rejected.same-session": "en økt kan ikke følge opp seg selv",
        "cli.rejected.too-long": "{path} er for stor",
        "cli.rejected.empty": "{path} er tom",
        "cli.locked": "{command}: økta «{name}» er åpen i en Samspill som kjører. Avslutt den først.",
        "cli.no_session": "{command}: fant ingen økt «{name}» i {dir}",
        "cli.write_failed": "samspill export: kunne ikke skrive {path}: {reason}",
        "cli.wrote": "Skrev {path}",
        "cli.no_sessions": "Ingen økter i {dir}",
        "cli.columns": "Navn|Program|Opprettet|Deltakere|Størrelse",
        "cli.delete_ask": (
            "Slette økta «{name}» og alt som er eksportert fra den? Svarene er personopplysninger, og "
            "slettingen kan ikke angres. [j/N] "
        ),
        "cli.nothing_deleted": "Ingenting er slettet.",
        "cli.delete_failed": "samspill sessions: kunne ikke slette «{name}»: {reason}",
        "cli.deleted": "Slettet økta «{name}» ({n} filer).",
        "cli.problems": "{n} feil i {root}",
        "cli.counts": (
            "{form}: {cases} caser, {reflection} refleksjonssett, {statements} påstandssett, "
            "{programmes} program"
        ),
        "cli.ok": "OK: {root}",
        "run.listen": "Kunne ikke starte nettsiden for mobilene: {reason}. Prøv en annen --port.",
        "home.content": "Innholdet har feil, og økta kan ikke starte:",
        "home.where": "Øktene lagres i {path}",
        "sessions.where": "Øktene ligger i {path}",
        "step.lobby": "Bli med",
        "step.summary": "Oppsummering",
        "step.gap": "Der vi ser ulikt",
        "step.questions": "Spørsmål: {title}",
        "questions.prompt": "Hva vil du spørre om?",
        "questions.none": "Ingen spørsmål ennå.",
        "questions.waiting": "{n} venter på godkjenning (på konsollen)",
        "questions.hidden": "{n} skjult",
        "questions.answered": "besvart",
        "questions.select": "Velg et spørsmål med piltastene først.",
        "role.folkevalgt": "Folkevalgt",
        "role.administrasjon": "Administrasjonen",
        "role.ordforer": "Ordfører",
        "role.kommunedirektor": "Kommunedirektør",
        "role.annet": "Annet",
        "pair.notice": (
            "Ordførerens og kommunedirektørens vurderinger vises bare i gjennomgangen, side om side, når "
            "begge har vurdert alle påstandene."
        ),
        "results.hidden": "Resultatene er skjult mens dere stemmer. Trykk r for å vise dem.",
        "words.count": "{n} ulike ord fra {m} deltakere",
        "ranking.count": "{n} har rangert",
        "ranking.agreement": "Enighet (Kendalls W): {w} – {how}",
        "agree.none": "for få svar til å måle",
        "agree.weak": "svak",
        "agree.moderate": "moderat",
        "agree.strong": "sterk",
        "roles.none": "Ingen har valgt rolle, så det er ingen fordeling per rolle å vise.",
        "roles.reveal_first": "Vis resultatene med r for å se fordelingen per rolle.",
        "poll.key": "Fasit",
        "poll.reveal_first": "Vis resultatene med r, så vises fasiten under dem.",
        "wall.hidden": "(skjult svar)",
        "wall.select": "Velg et svar med piltastene først.",
        "cli.help.console": "åpne fasilitatorkonsollen for en økt som kjører (i en annen terminal)",
        "cli.help.console_session": "navnet på økta som kjører",
        "console.unavailable": "Fasilitatorkonsollen kan ikke kobles til denne økta: {reason}",
        "console.none": (
            "Ingen Samspill kjører økta «{name}» nå. Start den først med «samspill run», og åpne "
            "så konsollen i en annen terminal."
        ),
        "console.stale": (
            "Ingen Samspill kjører økta «{name}» nå: Samspill ble avbrutt sist, og den gamle "
            "koblingen er fjernet. Start økta igjen med «samspill run» først."
        ),
        "console.foreign": (
            "Økta «{name}» kjøres av en annen bruker; konsollen kan bare åpnes av den samme "
            "brukeren."
        ),
        "console.lost": "Kontakten med Samspill er brutt: økta «{name}» kjører ikke lenger.",
        "console.version": (
            "Konsollen og appen er ulike versjoner av Samspill ({reason}). Bruk samme "
            "versjon."
        ),
        "console.title": "Konsoll for «{name}» – bare på din skjerm",
        "console.step": "Steg {n} av {total}",
        "console.next": "Neste: {title}",
        "console.last": "Neste: ingen, dette er siste steg",
        "console.notes": "Fasilitatornotat – bare for deg",
        "console.no_notes": "Ingen fasilitatornotat på dette steget.",
        "console.answer_key": "Fasit: {text}",
        "console.answered": "{n} av {m} har svart",
        "console.joined": "{m} har blitt med",
        "console.timer": "Klokke {time}",
        "console.paused": "(pause)",
        "console.join": "Bli med: {url}   Kode: {code}",
        "console.answers": "Svar på veggen",
        "console.no_answers": "Ingen svar ennå.",
        "console.hidden": "(skjult av deg)",
        "console.again": "Trykk {letter} en gang til for å bekrefte: {what}",
        "console.failed": "Appen kunne ikke gjøre det: {reason}",
        "console.quit_hint": "Trykk q for å lukke konsollen. Økta fortsetter på projektoren.",
        "console.premoderated": "Forhåndsmoderering: svar vises etter godkjenning (Enter)",
        "console.pending": "VENTER",
        "console.reconnecting": (
            "Kontakten med Samspill er brutt. Kobler til økta «{name}» igjen når appen er i gang (q lukker)."
        ),
        "console.back": "Koblet til igjen.",
        "console.offline": "Ikke koblet til Samspill nå: tasten ble ikke sendt.",
        "console.notes_hidden": "Fasilitatornotatet er skjult (o viser det).",
        "console.key_hidden": "Fasiten er skjult (f viser den).",
        "console.gap": "Påstander etter avstand",
        "wall.input": "Innspill sendt inn på forhånd ({n}):",
        "answered.of": "av {m} har svart",
        "status.hidden": "Resultat skjult",
        "status.shown": "Resultat vises",
        "status.locked": "Avstemningen er låst",
        "status.on_phones": "Resultatet vises også på mobilene",
        "status.closes.lock": "Låses når klokka når null",
        "status.closes.reveal": "Låses og vises når klokka når null",
        "status.closed": "Påmeldingen er stengt",
        "joining.open": "Nye deltakere kan bli med igjen.",
        "joining.closed": "Påmeldingen er stengt for nye deltakere.",
        "joining.rotated": "Ny QR-kode og kode. Den gamle adressen virker ikke lenger.",
        "reset.confirm": "Slette alle stemmer og svar på «{step}»? Dette kan ikke angres.",
        "dialog.yes": "Ja, slett",
        "dialog.no": "Avbryt",
        "dialog.close_joining": "Ja, steng",
        "dialog.rotate": "Ja, lag ny kode",
        "dialog.quit": "Ja, avslutt",
        "joining.confirm": (
            "Stenge påmeldingen? Nye mobiler kan ikke bli med før du åpner den igjen med j. De som alt "
            "er med, fortsetter."
        ),
        "rotate.confirm": (
            "Lage ny QR-kode og kode? Den gamle adressen slutter å virke, også for dem som ikke har "
            "skannet ennå. De som alt er med, fortsetter."
        ),
        "quit.confirm": (
            "Avslutte? Mobilene som er med ({n}), mister kontakten til du starter økta igjen. Alt er "
            "lagret."
        ),
        "steps.heading": "Gå til steg (Enter velger, Esc lukker)",
        "help.heading": "Taster",
        "palette.placeholder": "Søk etter kommandoer …",
        "palette.quit": "Avslutt",
        "palette.quit_help": "Avslutt Samspill med en gang (alt er allerede lagret)",
        "palette.maximize": "Forstørr",
        "palette.maximize_help": "Vis det valgte feltet over hele skjermen",
        "palette.minimize": "Vanlig størrelse",
        "palette.minimize_help": "Vis det forstørrede feltet i vanlig størrelse igjen",
        "quit.notice_title": "Vil du avslutte?",
        "quit.notice": "Trykk {quit_key} for å avslutte Samspill.",
        "kind.lobby": "Bli med",
        "kind.case": "Case",
        "kind.reflection": "Refleksjon",
        "kind.poll": "Avstemning",
        "kind.statement": "Påstand",
        "kind.words": "Ord",
        "kind.ranking": "Rangering",
        "rating.choose": "Velg påstandene dere skal vurdere (mellomrom velger, ctrl+s lagrer, Esc avbryter):",
        "rating.chosen": "{n} av {m} påstander er valgt.",
        "rating.started": "Noen har allerede begynt å vurdere, så påstandene kan ikke endres nå.",
        "rating.empty": "Velg minst én påstand.",
        "trend.closer": "nærmere hverandre",
        "trend.further": "lenger fra hverandre",
        "trend.same": "like langt fra hverandre",
        "trend.unknown": "kan ikke sammenlignes",
        "gap.trend": "Avstand sist: {before} · nå: {now} – {change}",
        "gap.last": "Avtalt sist",
        "sum.last_distance": "Avstand sist",
        "sum.change": "Utvikling",
        "sum.last_agreed": "Avtalt sist (status)",
        "kind.rating": "Vurdering i eget tempo",
        "guide.kind.rating": "Påstander i eget tempo",
        "guide.rating": (
            "Hver vurderer alle {n} påstandene på sin egen telefon, i eget tempo. Skjermen viser bare "
            "hvor langt hver har kommet, og alt vises samtidig når begge er ferdige."
        ),
        "guide.words": (
            "Hver skriver ett til tre ord på telefonen. Trykk r, så viser skjermen ordene etter hvor mange "
            "som skrev dem, de vanligste størst."
        ),
        "guide.ranking": (
            "Hver setter alternativene i rekkefølge på telefonen (1 er viktigst). Trykk r, så viser skjermen "
            "rekkefølgen for hele rommet og hvor enige dere er."
        ),
        "guide.points": (
            "Hver fordeler {points} poeng på alternativene på telefonen. Trykk r, så viser skjermen "
            "rekkefølgen for hele rommet og hvor enige dere er."
        ),
        "rating.hidden": "Hva hver har svart, vises ikke før begge er ferdige.",
        "rating.finished": "ferdig ✓",
        "rating.count": "{n} er ferdige",
        "rating.both_done": "Begge er ferdige. Gå videre (→) for å vise alle vurderingene samtidig.",
        "web.progress": "{n} av {m}",
        "web.next": "Neste",
        "web.done": "Ferdig",
        "web.undo": "Angre «Ferdig»",
        "web.rating_missing": "Du har ikke vurdert {n} av påstandene ennå.",
        "web.rating_first": "Gå til den første",
        "web.rating_ready": (
            "Du har vurdert alle påstandene. Trykk «Ferdig» når du er klar; du kan angre til "
            "vurderingene vises."
        ),
        "web.rating_finished": "Du er ferdig. Vurderingene vises når begge er ferdige.",
        "err.finished": "Du har trykket «Ferdig». Angre først for å endre et svar.",
        "err.unrated": "Vurder alle påstandene før du trykker «Ferdig».",
        "kind.gap": "Der vi ser ulikt",
        "kind.questions": "Spørsmål fra salen",
        "kind.summary": "Oppsummering",
        "gap.need_pair": (
            "Venter på at ordføreren og kommunedirektøren blir med, velger hver sin rolle og at du "
            "bekrefter rollene med R."
        ),
        "gap.waiting": (
            "Ingenting vises før begge har vurdert alle påstandene: {n} av {m} er vurdert av "
            "begge."
        ),
        "gap.agree": "Dette blir vi enige om (s skriver, Enter lagrer, Esc går tilbake):",
        "gap.saved": "Lagret i oppsummeringen.",
        "help.next": "Gå til neste steg",
        "help.previous": "Gå tilbake ett steg",
        "help.reveal": "Vis eller skjul resultatene (skjult mens dere stemmer)",
        "help.lock": "Lås avstemningen, eller åpne den igjen",
        "help.by_role": "Vis resultatene per rolle (bare grupper med nok svar)",
        "help.answer_key": "Vis fasiten og forklaringen på en avstemning",
        "help.hide_answer": "Skjul valgt svar fra skjermen og eksporten, eller vis det igjen",
        "help.hide_question": "Skjul valgt spørsmål fra skjermen, mobilene og eksporten, eller vis det igjen",
        "help.answer_question": "Merk valgt spørsmål som besvart, eller ta merket bort",
        "help.write": "Skriv avtalen om valgt påstand",
        "help.follow_up": "Avtalen om valgt påstand med hvem som følger den opp, og innen når",
        "help.last_time": "Det dere avtalte sist om valgt påstand, og hvordan det gikk",
        "help.leave": "Ut av avtalefeltet og tilbake til lista (teksten blir stående)",
        "help.choose": "Velg hvilke påstander mobilene får (før noen har vurdert)",
        "help.highlight_answer": "Framhev valgt svar",
        "help.timer": "Start eller stopp klokka for diskusjonen",
        "help.timer_more": "Ett minutt mer på klokka",
        "help.timer_less": "Ett minutt mindre på klokka",
        "help.phone_results": (
            "Vis resultatet på mobilene også når du viser det (av som standard; aldri for færre "
            "enn k svar)"
        ),
        "help.timer_closes": (
            "Velg hva klokka gjør ved null: ingenting, låser avstemningen, eller låser og viser "
            "resultatet (mobilene ser tiden som er igjen)"
        ),
        "help.steps": "Vis alle steg og hopp til et av dem",
        "help.qr": "Vis QR-koden stor",
        "help.joining": "Steng påmeldingen for nye deltakere (spør først), eller åpne den igjen",
        "help.new_code": "Lag ny QR-kode og kode; den gamle slutter å virke (spør først)",
        "help.reset": "Slett stemmer og svar på dette steget (spør først)",
        "help.minutes": "Notater og avtaler for dette steget",
        "help.export": "Lagre oppsummeringen",
        "help.help": "Vis denne oversikten",
        "help.app.quit": "Avslutt med en gang (alt er allerede lagret)",
        "help.quit": "Avslutt (spør først når mobiler er med; alt er allerede lagret)",
        "help.asks": (
            "Taster med … spør før de gjør noe. Mens et tekstfelt er i bruk, går alle bokstaver inn i "
            "feltet."
        ),
        "help.app.toggle_dark": "Bytt mellom lyst og mørkt tema",
        "lobby.scan": "Skann QR-koden med mobilen for å bli med",
        "lobby.joined": "deltakere har blitt med",
        "lobby.unreachable": "Obs: denne adressen kan ikke nås fra mobiler på nettverket.",
        "lobby.loopback": (
            "Obs: {host} er denne maskinen selv, og mobilene kan ikke nå den. "
            "Velg et annet nettverk med i."
        ),
        "lobby.link_local": (
            "Obs: {host} er en lenkelokal adresse (169.254.x.x eller fe80::), som mobilene som regel "
            "ikke kan nå. Velg et annet nettverk med i."
        ),
        "lobby.no_lan": (
            "Fant ingen nettverksadresse som mobilene kan nå. Koble maskinen til Wi-Fi eller kabel, "
            "eller slå på en delt tilkobling (hotspot)."
        ),
        "lobby.network": "Nettverk (i bytter)",
        "lobby.not_for_phones": "(ikke for mobiler)",
        "lobby.open": "Påmeldingen er åpen",
        "lobby.moved": (
            "Økta har fått ny adresse (den gamle porten var opptatt, eller nettverket er et annet): "
            "alle mobiler må skanne QR-koden på nytt, eller gå til {origin}."
        ),
        "join.code": "Eller gå til {origin} og skriv koden",
        "join.code_short": "Kode: {code}",
        "theme.command": "Lyst eller mørkt tema",
        "theme.help": "Bytt mellom lyst tema (for projektor) og mørkt tema",
        "step.of": "Steg {n} av {total}",
        "minutes": "{n} min",
        "answered": "{n} av {m} har svart",
        "answers.none": "Ingen svar ennå.",
        "scale.1": "Helt uenig",
        "scale.2": "Delvis uenig",
        "scale.3": "Verken enig eller uenig",
        "scale.4": "Delvis enig",
        "scale.5": "Helt enig",
        "scale.0": "Vet ikke",
        "dialogue": "Dialogspørsmål",
        "store.failed": "Kunne ikke lagre til disk: {reason}. Mobilene får beskjed om å prøve igjen.",
        "export.done": "Oppsummeringen er lagret i {path}",
        "export.failed": "Eksporten feilet: {reason}",
        "key.next": "Neste",
        "key.prev": "Forrige",
        "key.export": "Eksporter",
        "content.total": "{programme}: {minutes} min til sammen ({hours} t {rest} min)",
        "guide.title": "Fasilitatormanus: {title}",
        "guide.time": "Tid: {start}–{end}, {minutes} min til sammen ({hours} t {rest} min).",
        "guide.roles_groups": (
            "Mobilene velger gruppe: folkevalgt, administrasjonen eller annet, ingen roller med navn. Trykk "
            "v på en påstand for å sammenligne gruppene; en gruppe med for få svar vises ikke."
        ),
        "guide.overview": "Oversikt",
        "guide.col.time": "Klokka",
        "guide.col.minutes": "Min",
        "guide.col.step": "Steg",
        "guide.kind.case": "Sak",
        "guide.kind.reflection": "Refleksjon",
        "guide.kind.poll": "Avstemning",
        "guide.kind.words": "Ord",
        "guide.kind.ranking": "Rangering",
        "guide.kind.statements": "Påstander",
        "guide.kind.gap": "Der vi ser ulikt",
        "guide.kind.questions": "Spørsmål fra salen",
        "guide.questions_step": (
            "Send spørsmål på mobilen, og stem opp dem du helst vil ha svar på. Ingen ser hvem som spør."
        ),
        "guide.questions_approval": "(Godkjenn spørsmålene på konsollen før de kommer på skjermen.)",
        "guide.questions_direct": "(Spørsmålene kommer rett på skjermen; skjul med h.)",
        "guide.closes.lock": "Når klokka når null, låses steget.",
        "guide.closes.reveal": "Når klokka når null, låses steget og resultatet vises.",
        "guide.kind.summary": "Oppsummering",
        "guide.read": "Les opp eller fortell",
        "guide.say": "Si til salen",
        "guide.questions": "Spørsmål på mobilene",
        "guide.notes": "Fasilitatornotat",
        "guide.options": "Svaralternativer",
        "guide.answer": "Fasit: {option}",
        "guide.statements": "Påstander ({each} min hver)",
        "guide.gap": (
            "Salen ser påstandene der ordføreren og kommunedirektøren har svart lengst fra hverandre "
            "først. Bruk dialogspørsmålene fra påstandene til å finne ut hvorfor."
        ),
        "guide.summary": (
            "Gå gjennom oppsummeringen på skjermen sammen med salen, si hva som skjer videre med "
            "svarene, og takk for innsatsen."
        ),
        "key.quit": "Avslutt",
        # phone page
        "web.title": "Samspill",
        "web.waiting": "Du er med! Vent til fasilitatoren starter.",
        "web.vote": "Stem",
        "web.words_hint": "Skriv ett til tre korte ord. Ord som mange skriver, blir størst på skjermen.",
        "web.word": "Ord {n}",
        "web.rank_hint": "Gi hvert alternativ sin plass: 1 er viktigst, og hver plass brukes én gang.",
        "web.points_hint": "Fordel {points} poeng på alternativene: alle på ett, eller litt på flere.",
        "web.place": "Plass",
        "web.points": "Poeng",
        "web.send": "Send svar",
        "web.saved": "Registrert",
        "web.your_answers": "Dine svar",
        "web.answer_label": "Ditt svar",
        "web.reload": "Last inn siden på nytt for å følge med.",
        "web.thanks": "Takk for at du deltok!",
        "web.case_read": "Les saken på skjermen eller her.",
        "web.bad_token": "Lenken er ikke gyldig. Skann QR-koden på skjermen på nytt.",
        "web.no_cookie": "Du er ikke med i økta ennå. Skann QR-koden på skjermen.",
        "web.error": "Noe gikk galt",
        "web.back": "Tilbake",
        "err.step-closed": "Dette steget er ikke lenger åpent. Last inn siden på nytt.",
        "err.not-voting": "Det stemmes ikke på dette steget.",
        "err.not-answering": "Det tas ikke imot svar på dette steget.",
        "err.bad-value": "Ugyldig valg. Velg ett av alternativene.",
        "err.no-words": "Skriv minst ett ord. Småord som «og» og «er» telles ikke.",
        "err.word-long": "Et ord kan ha høyst 30 tegn.",
        "err.bad-ranking": (
            "Gi hvert alternativ sin egen plass, fra 1 og oppover, uten å bruke en plass to ganger."
        ),
        "err.bad-points": "Poengene må til sammen bli nøyaktig så mange som det står over alternativene.",
        "err.bad-question": "Ukjent spørsmål.",
        "err.not-asking": "Det tas ikke imot spørsmål på dette steget nå.",
        "err.unknown-question": "Spørsmålet vises ikke lenger.",
        "err.too-long": "Svaret er for langt (høyst {max} tegn).",
        "err.empty": "Svaret er tomt.",
        "err.bad-submission": "Ugyldig innsending. Last inn siden på nytt.",
        "err.csrf": "Skjemaet er utløpt. Last inn siden på nytt og prøv igjen.",
        "err.store": "Svaret ble IKKE lagret. Prøv igjen om litt.",
        "err.bad-request": "Ugyldig forespørsel.",
        "err.locked": "Steget er stengt for svar. Svaret ble ikke lagret.",
        "err.bad-role": "Velg en av rollene.",
        "err.no-roles": "Denne økta spør ikke om rolle.",
        "err.not-joined": "Du er ikke med i økta ennå. Skann QR-koden på skjermen.",
        "err.joining-closed": "Det er ikke lenger mulig å bli med i denne økta. Spør fasilitatoren.",
        "err.too-large": "Innsendingen er for stor.",
        "err.slow": "Innsendingen kom for sakte fram. Prøv igjen.",
        "err.connections": "For mange tilkoblinger til økta akkurat nå. Prøv igjen om litt.",
        "web.join_heading": "Bli med",
        "web.join_intro": "Skann QR-koden på skjermen, eller skriv inn koden som står under den.",
        "web.code_label": "Kode (6 tegn)",
        "web.join_button": "Bli med",
        "web.bad_code": "Koden stemmer ikke. Sjekk koden på skjermen og prøv igjen.",
        "web.joining_closed": "Det er ikke lenger mulig å bli med i denne økta. Spør fasilitatoren.",
        "web.bad_host": "Ukjent adresse. Bruk adressen eller QR-koden som står på skjermen.",
        "web.rate_limited": "For mange forsøk på kort tid. Vent litt og prøv igjen.",
        "web.not_found": "Siden finnes ikke.",
        "web.locked": "Avstemningen er stengt.",
        "web.closes_at": "Avstemningen stenger kl. {time}.",
        "web.closes_in": "Avstemningen stenger om {time}.",
        "web.answers_locked": "Det tas ikke lenger imot svar på dette steget.",
        "web.questions_locked": "Det tas ikke lenger imot spørsmål eller stemmer på dette steget.",
        "web.ask": "Ditt spørsmål",
        "web.send_question": "Send spørsmål",
        "web.your_questions": "Dine spørsmål",
        "web.asked": "Spørsmål fra salen",
        "web.no_questions": "Ingen spørsmål vises ennå.",
        "web.more_questions": "Flere spørsmål står på skjermen.",
        "web.upvote": "Stem opp ({n})",
        "web.answered": "besvart",
        "web.your_vote": "Ditt svar",
        "web.results": "Resultat",
        "web.results_total": "{n} har svart.",
        "web.top_words": "De vanligste ordene, og hvor mange som skrev dem:",
        "web.by_place": "Rekkefølgen for hele salen, med snittplassen (1 er viktigst):",
        "web.by_points": "Rekkefølgen for hele salen, med poengene til sammen:",
        "web.count": "{n} av {max} tegn",
        "web.max_chars": "Høyst {max} tegn.",
        "web.sending": "Sender …",
        "web.retrying": "Ikke lagret ennå. Prøver igjen …",
        "web.failed": "Ikke lagret. Sjekk nettet og trykk på knappen igjen.",
        "web.offline": (
            "Mistet kontakten med laptopen. Prøver igjen av seg selv – det du har skrevet, blir "
            "stående."
        ),
        "web.refresh": "Oppdater",
        "web.screen": "Følg med på skjermen.",
        "web.role_heading": "Velg rolle",
        "web.role_question": "Hvilken rolle har du?",
        "web.continue": "Fortsett",
        "sum.organ": "Organ",
        "sum.place": "Sted",
        "sum.time": "Tid",
        "sum.present": "Til stede",
        "sum.present_count": "{role}: {n}",
        "sum.chair": "Møteleder",
        "sum.secretary": "Referent",
        "sum.clock": "kl.",
        "err.meeting-date": "Skriv datoen som dd.mm.åååå, for eksempel 14.03.2026.",
        "err.meeting-time": "Skriv tidene som TT:MM, og slutt etter start.",
        "err.meeting-count": "Antall til stede må være et helt tall, 0 eller mer.",
        "err.meeting-long": "Et av feltene er for langt.",
        "meeting.title": "Om møtet (står øverst i oppsummeringen og referatet)",
        "meeting.organ": "Organ (for eksempel Formannskapet)",
        "meeting.kommune": "Kommune",
        "meeting.place": "Sted",
        "meeting.date": "Dato (dd.mm.åååå)",
        "meeting.start": "Fra kl. (TT:MM)",
        "meeting.end": "Til kl. (TT:MM)",
        "meeting.present": "Til stede: navn, skilt med komma",
        "meeting.counts": "… eller antall til stede per rolle",
        "meeting.chair": "Møteleder",
        "meeting.secretary": "Referent",
        "meeting.saved": "Møtedetaljene er lagret.",
        "meeting.failed": "Kunne ikke lagre møtedetaljene: {reason}",
        "home.meeting": "Møtedetaljer …",
        "home.meeting_set": "Møtedetaljene lagres i økta når den starter.",
        "help.meeting": "Organ, sted, tid, hvem som var til stede, møteleder og referent",
        "pdf.missing": (
            "PDF kan ikke lages fordi {lib} mangler på maskinen. Installer Pango: på Debian og Ubuntu "
            "«sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0», på macOS «brew install pango», på "
            "Windows se installasjonsveiledningen til WeasyPrint (GTK med MSYS2). De andre formatene "
            "virker som før."
        ),
        "pdf.page": "Side",
        "pdf.of": "av",
        "export.partial": "Oppsummeringen er lagret i {path}, men uten PDF: {reason}",
        "xlsx.meeting": "Møtet",
        "xlsx.statements": "Påstander",
        "xlsx.polls": "Avstemninger",
        "xlsx.words": "Ord",
        "xlsx.rankings": "Rangeringer",
        "xlsx.answers": "Svar",
        "xlsx.questions": "Spørsmål",
        "xlsx.upvotes": "Stemmer",
        "xlsx.status": "Status",
        "xlsx.agreements": "Avtaler",
        "xlsx.field": "Felt",
        "xlsx.value": "Verdi",
        "xlsx.step": "Steg",
        "xlsx.theme": "Tema",
        "xlsx.question": "Spørsmål",
        "xlsx.answer": "Svar",
        "xlsx.responses": "Svar i alt",
        "xlsx.withheld": "Holdt tilbake",
        "xlsx.yes": "ja",
        "xlsx.start": "Fra kl.",
        "xlsx.end": "Til kl.",
        "xlsx.role": "Rolle",
        "xlsx.all": "Alle",
        "xlsx.carried": "Fra forrige samtale",
        "sum.session": "Økt",
        "sum.date": "Dato",
        "sum.participants": "Deltakere",
        "sum.option": "Svar",
        "sum.count": "Antall",
        "sum.share": "Andel",
        "sum.responses": "{n} av {m} deltakere svarte.",
        "sum.no_answers": "Ingen svar.",
        "sum.key": "Fasit",
        "sum.reflection": "Refleksjon",
        "sum.statements": "Påstander",
        "sum.poll": "Avstemning",
        "sum.words": "Ord",
        "sum.cloud": "Ordsky: {title}",
        "sum.ranking": "Rangering",
        "sum.rank_place": "Plass",
        "sum.alternative": "Alternativ",
        "sum.mean_rank": "Snittplass",
        "sum.points": "Poeng",
        "sum.agreement_w": "Enighet (Kendalls W, 0–1): {w} – {how}",
        "sum.mean": "Gjennomsnitt (1–5, uten «vet ikke»)",
        "sum.footer": (
            "Laget med Samspill. Svarene er anonyme: ingen gruppe med færre enn {k} svar er vist for seg."
        ),
        "sum.footer_named": (
            "Laget med Samspill. Ordføreren og kommunedirektøren svarte med rolle, og vurderingene deres "
            "står side om side i gjennomgangen. Andre svar er bare vist samlet, i grupper på minst {k}."
        ),
        "sum.case": "Sak",
        "sum.note": "Notat",
        "sum.agreed": "Avtalt",
        "sum.agreement": "Avtale",
        "sum.owner": "Ansvarlig",
        "sum.due": "Frist",
        "sum.status": "Status",
        "sum.no_owner": "Ikke avklart",
        "sum.no_status": "Ikke fylt ut",
        "sum.followups": "Oppfølging",
        "sum.followups_intro": "Dette ble avtalt, med hvem som følger opp og innen når.",
        "sum.by_role": "Fordelt på rolle",
        "sum.roles_withheld": (
            "Vises ikke per rolle: {groups}. En gruppe vises bare med minst {k} svar, og aldri slik at en"
            " mindre gruppe kan regnes ut."
        ),
        "sum.gap_intro": (
            "Påstandene er sortert etter hvor langt fra hverandre vurderingene er, størst "
            "avstand først. Vurderingene vises med rolle, fordi samtalen er mellom to kjente "
            "personer."
        ),
        "sum.gap_waiting": (
            "Avstandene vises når både ordføreren og kommunedirektøren har vurdert alle "
            "påstandene."
        ),
        "sum.statement": "Påstand",
        "sum.distance": "Avstand",
        "sum.highlighted": "framhevet",
        "sum.upvotes": "{n} stemmer",
        "sum.q_answered": "besvart",
        "sum.q_open": "ikke besvart",
        "sum.chart": "Fordeling av svar: {title}",
        "sum.other_notes": "Andre notater",
        "sum.referat_title": "Referat: {title}",
        "sum.draft": "Utkast – til godkjenning",
        "sum.draft_intro": (
            "Dette er et utkast laget i Samspill. Det blir referat først når deltakerne har "
            "godkjent det. Referatet rapporteres til kommunestyret og behandles etter "
            "offentleglova."
        ),
        "sum.withheld": "«{title}» ble drøftet i samtalen, men skrives ikke i referatet.",
        "sum.follows": "Følger opp",
        "sum.part.resultater": "Gjennomgang av resultater",
        "sum.part.forventninger": "Nye mål og forventninger",
        "sum.part.samhandling": "Prinsipper for samhandlingen mellom folkevalgte og administrasjonen",
        "sum.part.utvikling": "Utviklingstiltak for kommunedirektøren",
        "sum.carried": "Oppfølging av forrige samtale ({session})",
        "sum.input": "Innspill på forhånd",
        "sum.meeting_answers": "Innspill i møtet",
        "sum.attachment": "Vedlegg: {name}",
        "sum.referat_footer": "Laget med Samspill. Innspillene er anonyme.",
        "owner.kommunedirektor": "Kommunedirektøren",
        "owner.arbeidsgiver": "Arbeidsgiversiden",
        "owner.ordforer": "Ordføreren",
        "minutes.title": "Notat og avtaler: {step}",
        "minutes.note": "Notat (kommer med i oppsummeringen)",
        "minutes.withheld": (
            "Dette punktet skrives ikke i referatet. Notat og avtaler her kommer ikke med i "
            "noen eksport."
        ),
        "minutes.agreements": "Avtaler",
        "minutes.none": "Ingen avtaler ennå. Trykk ctrl+n for å legge til en.",
        "minutes.new": "Ny avtale",
        "minutes.edit": "Endre avtale",
        "minutes.text": "Hva er avtalt?",
        "minutes.owner": "Hvem følger opp?",
        "minutes.due": "Frist (dd.mm.åååå)",
        "minutes.status": "Status",
        "minutes.bad_due": "Skriv fristen som dd.mm.åååå, for eksempel 30.06.2026.",
        "minutes.empty": "Skriv hva som er avtalt.",
        "minutes.saved": "Lagret.",
        "minutes.deleted": "Avtalen er slettet.",
        "minutes.failed": "Kunne ikke lagre: {reason}",
        "help.facilitator_notes": "Vis fasilitatornotatet til steget (bare for deg – det vises på skjermen)",
        "notes.heading": "Fasilitatornotat – bare for fasilitatoren: {step}",
        "held.few": "Resultatet vises ikke: færre enn {k} har svart.",
        "held.named": (
            "Resultatet vises ikke her: ordførerens og kommunedirektørens vurderinger står i "
            "gjennomgangen, og andre svar vises bare når minst {k} har svart."
        ),
        "held.few_live": "Resultatet vises når minst {k} har svart ({n} så langt).",
        "held.named_live": (
            "Ordførerens og kommunedirektørens vurderinger vises i gjennomgangen når begge er ferdige. "
            "Andre svar vises når minst {k} har svart ({n} så langt)."
        ),
        "roles.withheld": "Vises ikke: {groups} (under {k} svar, eller så få at gruppen kunne regnes ut).",
        "sum.hidden_count": "{n} svar skjult av fasilitator.",
        "sum.hidden_questions": "{n} spørsmål skjult av fasilitator eller ikke godkjent.",
        "sum.attachment_kept": (
            "Kommunedirektøren la ved et notat. Det er fortrolig personalmateriale, er ikke en del av "
            "referatet og er ikke gjengitt her."
        ),
        "attachment.mark": "FORTROLIG – personalmateriale. Ikke en del av referatet.",
        "attachment.intro": (
            "Notat fra kommunedirektøren, lagt ved økta «{session}» (fil: {name}). Del det bare med dem "
            "som skal ha det."
        ),
        "attachment.notice": (
            "Notatet er lagret i økta som fortrolig personalmateriale. Det siteres ikke i referatet; det "
            "eksporteres bare som en egen fil merket fortrolig."
        ),
        "promise.grouped": (
            "Anonymt: svaret ditt vises bare sammen med andres, og en gruppe vises bare når minst {k} har"
            " svart."
        ),
        "promise.named": (
            "Ikke anonymt: vurderingene dine vises med rolle, side om side med den andres, når dere begge"
            " har vurdert alle påstandene – ikke før."
        ),
        "promise.observer": (
            "Anonymt: svaret ditt vises bare sammen med andres, og bare når minst {k} har svart."
        ),
        "promise.role": (
            "Rollen brukes bare til å sammenligne grupper, og en gruppe vises bare når minst {k} i den "
            "har svart. Ingen ser hva du svarte."
        ),
        "promise.role_groups": (
            "Du velger en gruppe, ikke en rolle med navn. Gruppen brukes bare til å sammenligne stemmer: "
            "en gruppe vises bare når minst {k} i den har stemt, og aldri slik at en mindre gruppe kan "
            "regnes ut. Det du skriver, vises uten gruppe."
        ),
        "promise.role_named": (
            "Velger du ordfører eller kommunedirektør, vises vurderingene dine med rolle, side om side "
            "med den andres, når dere begge har vurdert alle påstandene. Alle andre svar vises bare "
            "samlet, når minst {k} har svart."
        ),
        "cli.help.attachment": "skriv ut det vedlagte notatet i stedet, som egen fortrolig fil",
        "cli.help.guide": "skriv ut manuset for fasilitatoren til et program",
        "cli.help.guide_programme": "programmet, for eksempel folkevalgtdag",
        "cli.help.guide_format": "md (standard) eller html",
        "cli.help.guide_start": "klokkeslettet for første steg (standard: 09:00)",
        "cli.err.min_group": "--min-group må være et helt tall, minst {least} (var {value!r})",
        "cli.no_attachment": "samspill export: økta «{name}» har ikke noe vedlegg",
        "cli.bad_start": "samspill content guide: skriv --start som TT:MM, ikke {value!r}",
        "promise.named_unshown": (
            "Svaret ditt på dette steget vises ikke noe sted, verken alene eller sammen med andres: bare "
            "vurderingene av påstandene vises, i gjennomgangen."
        ),
        "promise.questions": (
            "Spørsmålene er anonyme: ingen ser hvem som sendte dem eller stemte på dem. Fasilitatoren "
            "godkjenner hvert spørsmål før det vises."
        ),
        "promise.questions_direct": (
            "Spørsmålene er anonyme: ingen ser hvem som sendte dem eller stemte på dem. De vises med én "
            "gang, og fasilitatoren kan skjule et spørsmål."
        ),
        "crash.message": (
            "Samspill stoppet på grunn av en uventet feil. Alt som var lagret, er i behold. Detaljene for"
            " feilsøking står i {path}."
        ),
        "crash.unlogged": (
            "Samspill stoppet på grunn av en uventet feil. Alt som var lagret, er i behold. Detaljene "
            "kunne ikke lagres: {reason}."
        ),
        "err.server": "Noe gikk galt på laptopen. Svaret ble ikke lagret. Prøv igjen om litt.",
        "web.code_limited": (
            "For mange feil koder fra dette nettet. Skann QR-koden på skjermen i stedet, eller vent litt."
        ),
        "err.role-chosen": "Du har allerede valgt rolle. Spør fasilitatoren hvis den er feil.",
        "err.role-taken": (
            "Den rollen har en annen allerede valgt. Gå tilbake og velg en annen rolle, eller spør "
            "fasilitatoren."
        ),
        "err.choose-role": "Velg rolle først. Last inn siden på nytt.",
        "roles.claimed": "En mobil valgte rollen {role}. Bekreft med R når du vet at det stemmer.",
        "roles.heading": "Roller med navn (Enter bekrefter, Delete frigir, Esc lukker)",
        "roles.free": "ledig",
        "roles.waiting": "valgt, venter på at du bekrefter",
        "roles.confirmed": "bekreftet",
        "help.roles": "Bekreft eller frigi rollene ordfører og kommunedirektør",
        # Content problems (samspill content check, a refused start): what is typed stays literal.
        "problem.front_matter_missing": (
            "mangler toppdel (front matter): fila må begynne med en linje «---», så linjer «nøkkel: "
            "verdi» og til slutt en linje «---»"
        ),
        "problem.front_matter_line": "linja i toppdelen er ikke «nøkkel: verdi»: «{text}»",
        "problem.front_matter_twice": "«{name}:» står to ganger i toppdelen",
        "problem.front_matter_unknown": "ukjent nøkkel «{name}:» i toppdelen; bruk en av disse: {allowed}",
        "problem.no_id": "toppdelen mangler «id:»",
        "problem.bad_id": "ugyldig id «{id}»: bruk små bokstaver a–z (ikke æ, ø, å), sifre og «-»",
        "problem.id_not_file_name": "id-en «{id}» stemmer ikke med filnavnet «{name}»",
        "problem.no_title": "toppdelen mangler «title:»",
        "problem.heading_1": "overskrifter på nivå 1 («# …») brukes ikke; begynn med «##»",
        "problem.questions_only_list": "under «{heading}» skal det bare stå en liste med spørsmål",
        "problem.questions_none": "«{heading}» har ingen spørsmål (skriv dem som en liste med «- »)",
        "problem.questions_empty": "tomt spørsmål",
        "problem.dialogue_only_list": "under «{heading}» skal det bare stå en liste med dialogspørsmål",
        "problem.dialogue_none": "«{heading}» har ingen dialogspørsmål (skriv dem som en liste med «- »)",
        "problem.dialogue_empty": "tomt dialogspørsmål",
        "problem.section_unknown": "ukjent overskrift «## {heading}»; bruk en av {expected}",
        "problem.section_twice": "«## {heading}» står to ganger",
        "problem.section_missing": "mangler «## {heading}»",
        "problem.poll_no_question": (
            "overskriften for avstemningen trenger et spørsmål etter kolon, for eksempel «## Avstemning: "
            "Hvem har ansvaret?»"
        ),
        "problem.poll_option": "et svaralternativ skrives «id: tekst», ikke «{text}»",
        "problem.poll_option_twice": "svaralternativet «{id}» står to ganger",
        "problem.poll_few_options": "en avstemning trenger minst to svaralternativer",
        "problem.poll_no_answer": (
            "avstemningen har ingen fasit: legg til en linje «Fasit: <id for alternativet>»"
        ),
        "problem.poll_answer_unknown": (
            "fasiten «{answer}» er ikke et av alternativene (alternativer: {options})"
        ),
        "problem.situation_empty": "situasjonen er tom",
        "problem.viewpoint_whose": "skriv hvem sitt synspunkt det er: «## Synspunkt: Ordføreren»",
        "problem.referat_value": "«referat:» må være {parts} eller {no}, ikke «{value}»",
        "problem.input_value": (
            "«input:» skrives «<id for refleksjonssettet> <spørsmålsnummer>», ikke «{value}»"
        ),
        "problem.theme_empty": "temaet «## {theme}» har ingen påstander («### s01: …»)",
        "problem.statement_heading": "en påstand skrives «### id: påstand», ikke «### {heading}»",
        "problem.statement_twice": "id-en «{id}» er brukt på to påstander",
        "problem.deck_empty": "påstandssettet har ingen påstander",
        "problem.steps_only_list": "under «## Steg» skal det bare stå en liste med steg",
        "problem.steps_none": "programmet har ingen steg (skriv dem som en nummerert liste)",
        "problem.step_empty": "tomt steg «{text}»",
        "problem.step_kind": "ukjent stegtype «{kind}»; bruk en av {kinds}",
        "problem.step_minutes": (
            "ugyldig antall minutter «{value}»: skriv «(N min)» med N fra 1 til {most}"
        ),
        "problem.step_summary_id": "et «summary»-steg tar ingen id",
        "problem.step_bracket": (
            "ugyldig «({value})»: skriv «(N min)» med N fra 1 til {most}, og etter et komma «lås», "
            "«lås og vis» eller (på et questions-steg) «direkte»"
        ),
        "problem.step_option": "«{option}» står to ganger eller passer ikke på et «{kind}»-steg",
        "problem.step_no_id": "et «{kind}»-steg trenger id-en til det som skal vises",
        "problem.step_ids": "et «{kind}»-steg tar én id, ikke «{ids}»",
        "problem.roles_value": "«roles:» må være ja, nei eller grupper, ikke «{value}»",
        "problem.file_large": "fila er større enn {most} byte",
        "problem.file_utf8": "fila er ikke UTF-8-tekst (første feil i byte {byte}); lagre den som UTF-8",
        "problem.file_read": "fila kan ikke leses: {reason}",
        "problem.id_twice": "id-en «{id}» er brukt to ganger: også i {other}",
        "problem.case_unknown": "ingen case har id-en «{id}»",
        "problem.reflection_unknown": "ingen refleksjonssett eller case har id-en «{id}»",
        "problem.questions_unknown": "ingen case eller refleksjonssett har id-en «{id}»",
        "problem.input_step": (
            "«{id}» viser svarene fra «{input}»: legg «reflection {input}» til i programmet"
        ),
        "problem.case_no_poll": "casen «{id}» har ingen avstemning («## Avstemning: …»)",
        "problem.one_question": (
            "et «{kind}»-steg trenger et refleksjonssett med nøyaktig ett spørsmål, og «{id}» har ikke det"
        ),
        "problem.ranking_no_options": "«{id}» har ingen alternativer å rangere («## Alternativer»)",
        "problem.ranking_points": (
            "et «ranking»-steg tar én id og eventuelt hvor mange poeng som fordeles ({low}–{high}), ikke "
            "«{value}»"
        ),
        "problem.options_many": "høyst {most} alternativer kan rangeres",
        "problem.gap_roles": "et «gap»-steg sammenligner ordfører og kommunedirektør; sett «roles: ja»",
        "problem.deck_unknown": "ingen påstandssett har id-en «{id}»",
        "problem.deck_no_statement": "påstandssettet «{deck}» har ingen påstand «{id}»",
        "problem.input_unknown": "«input:» viser ikke til et annet refleksjonssett: «{id}»",
        "problem.input_agenda": "«{id}» i «input:» er selv et dagsordenpunkt (har «input:»)",
        "problem.input_number": "«{id}» har {count} spørsmål, ikke {n}",
        "problem.input_used": "spørsmål {n} i «{id}» er også input til «{other}»",
        "problem.twin_statements": "påstandene i «{id}» har andre id-er enn på bokmål",
        "problem.twin_links": "«referat:» eller «input:» i «{id}» er ikke som på bokmål",
        "problem.twin_options": "alternativene i «{id}» har andre id-er enn på bokmål",
        "problem.twin_poll": (
            "avstemningen i «{id}» har andre alternativer eller en annen fasit enn på bokmål"
        ),
        "problem.no_content_folder": "fant ikke innholdsmappa",
        "problem.no_lang_folder": "fant ikke mappa for målformen",
        "cli.help.data_dir_default": "mappa med øktene (standard: {path})",
        "cli.help.meeting": "møtedetaljer (øverst i hver eksport; også tasten M i appen)",
        "cli.help.meeting_organ": "organet, for eksempel Formannskapet",
        "cli.help.meeting_kommune": "kommunen",
        "cli.help.meeting_place": "møtestedet",
        "cli.help.meeting_date": "datoen, DD.MM.ÅÅÅÅ",
        "cli.help.meeting_time": "fra og til, TT:MM-TT:MM",
        "cli.help.meeting_present": "hvem som var til stede, navn skilt med komma",
        "cli.help.meeting_chair": "møteleder",
        "cli.help.meeting_secretary": "referent",
        "cli.help.meeting_present_count": (
            "hvor mange som var til stede i en rolle (folkevalgt, administrasjon, annet); kan gjentas"
        ),
        "cli.help.csv_dialect": "csv: komma for andre programmer (standard), eller semikolon for norsk Excel",
        "problem.control_char": (
            "et usynlig styretegn ({code}) som kan styre terminalen eller snu teksten; fjern det"
        ),
        "home.corrupt": (
            "Øktfila for «{name}» ({path}) er skadet og kan ikke leses. Den er ikke endret. Start en ny "
            "økt med et annet navn, og ta vare på fila til noen har sett på den."
        ),
        "home.open_failed": "Kunne ikke åpne økta «{name}»: {reason}.",
        "cli.corrupt": "{command}: øktfila {path} er skadet og kan ikke leses. Den er ikke endret.",
        "cli.crash": "{command} stoppet på grunn av en uventet feil. Detaljene for feilsøking står i {path}.",
        "cli.crash_unlogged": (
            "{command} stoppet på grunn av en uventet feil, og detaljene kunne ikke lagres: {reason}."
        ),
        "errno.ENOSPC": "disken er full",
        "errno.EACCES": "du har ikke tilgang",
        "errno.EPERM": "du har ikke tilgang",
        "errno.EISDIR": "det ligger en mappe der en fil skulle vært",
        "errno.EROFS": "disken er skrivebeskyttet",
        "errno.EADDRINUSE": "adressen og porten er allerede i bruk",
        "errno.EADDRNOTAVAIL": "adressen finnes ikke på denne maskinen",
        "errno.ENOENT": "mappa finnes ikke",
        "errno.EIO": "disken svarte med en feil",
        "err.full": "Økta har nådd grensen for hvor mange som kan være med. Si fra til fasilitatoren.",
        "err.answer-limit": "Du har sendt svært mange svar på dette steget. Flere tas ikke imot.",
        "err.session-full": (
            "Økta tar ikke imot flere svar akkurat nå. Svaret ble ikke lagret. Si fra til fasilitatoren."
        ),
        "limits.reached.participants": (
            "Grensen på {n} deltakere er nådd: nye mobiler kommer ikke inn. Trykk L for å doble den."
        ),
        "limits.reached.text_chars": (
            "Grensen på {n} tegn svartekst i økta er nådd: nye svar blir ikke lagret. Trykk L for å doble"
            " den."
        ),
        "limits.reached.connections": (
            "Grensen på {n} åpne tilkoblinger er nådd: nye mobiler må vente. Trykk L for å doble den."
        ),
        "limits.reached.connections_per_address": (
            "Grensen på {n} tilkoblinger fra én adresse er nådd (mange mobiler bak samme ruter, eller"
            " én som prøver å fylle opp). Trykk L for å doble den."
        ),
        "limits.reached.descriptors": (
            "Maskinen tillater ikke flere åpne filer: {n} tilkoblinger er taket, resten holdes av til"
            " lagringen. Nye mobiler må vente."
        ),
        "limits.now": (
            "Grensene er nå {participants} deltakere, {chars} tegn svartekst, {connections} tilkoblinger"
            " og {per_address} fra én adresse."
        ),
        "help.raise_limits": "Doble grensene økta har nådd (deltakere, svartekst, tilkoblinger)",
    },
    "nn": {
        "app.title": "Samspill",
        "home.heading": "Ny eller halden fram økt",
        "home.programme": "Program",
        "home.session": "Namn på økta",
        "home.start": "Start økta",
        "home.bad_name": "Namnet kan berre ha bokstavar, tal, punktum, - og _ (høgst 64 teikn).",
        "home.locked": "Økta «{name}» er alt open i ein annan Samspill.",
        "home.mismatch": "Økta «{name}» finst alt med eit anna program.",
        "home.not_in_lang": (
            "Økta «{name}» kan ikkje starte: noko av det programmet treng, finst ikkje på denne "
            "målforma. Sjå «samspill content check»."
        ),
        "lang.nb": "bokmål",
        "lang.nn": "nynorsk",
        "cli.usage": "bruk:",
        "cli.error": "feil",
        "cli.positionals": "argument",
        "cli.options": "val",
        "cli.commands": "kommandoar",
        "cli.err.choice": "{arg}: ugyldig val {value} (vel mellom {choices})",
        "cli.err.value": "{arg}: ugyldig verdi {value}",
        "cli.err.one": "{arg} treng ein verdi",
        "cli.err.required": "dette må givast: {args}",
        "cli.err.unknown": "ukjende argument: {args}",
        "cli.help.help": "vis denne hjelpa og avslutt",
        "cli.help.description": (
            "Samspill: verkstad for folkevalde med mobilrøyster. Utan kommando opnar appen "
            "startskjermen."
        ),
        "cli.help.content": "mappa med innhaldet (nb/ og nn/; standard: innhaldet som følgjer med)",
        "cli.help.lang": "målform for skjermen og mobilane: nb (bokmål, standard) eller nn (nynorsk)",
        "cli.help.run": "start appen (rett i lobbyen når ei økt er gitt)",
        "cli.help.programme": "program-id, til dømes folkevalgtdag",
        "cli.help.session": "namn på økta; finst ho, held ho fram der ho slapp",
        "cli.help.host": (
            "adressa det blir lytta på og som blir vist mobilane (standard: alle, og adressa til "
            "laptopen på nettverket blir vist)"
        ),
        "cli.help.port": (
            "port (standard: {port}; 0 vel ein ledig port for ei ny økt; ei økt som held fram, tek "
            "porten ho hadde)"
        ),
        "cli.help.theme": (
            "light: lyst tema med høg kontrast for projektor (standard), eller dark; tasten d byter"
        ),
        "cli.help.min_group": (
            "anonymitetsgrensa for ei ny økt: inga gruppe med færre enn K svar blir vist (standard: {n}, "
            "minst {least})"
        ),
        "cli.help.demo": "prøvekøyring: N simulerte deltakarar blir med, røystar og svarar over nettet",
        "cli.help.follows": "start med avtalane frå denne tidlegare økta som første punkt på dagsordenen",
        "cli.help.attach": "legg ved eit Markdown-notat (kommunedirektøren sitt) til økta",
        "cli.help.export": "skriv oppsummeringa av ei økt (trygt medan ho køyrer)",
        "cli.help.session_name": "namnet på økta",
        "cli.help.format": "formatet: md, html, csv, json, pdf eller xlsx (standard: md)",
        "cli.help.out": "fila det blir skrive til (standard: skjermen)",
        "cli.help.sessions": "vis eller slett lagra økter, legg ved eit notat",
        "cli.help.list": "namn, program, oppretta, deltakarar og storleik",
        "cli.help.delete": "slett ei økt og det som er eksportert frå ho",
        "cli.help.yes": "ikkje spør før sletting",
        "cli.help.attach_note": "legg ved eit Markdown-notat til ei økt",
        "cli.help.file": "Markdown-fila",
        "cli.help.content_tools": "verktøy for innhaldet",
        "cli.help.check": "kontroller innhaldet; avsluttar med 1 når noko er feil",
        "cli.help.dir": "mappa med innhaldet (standard: --content)",
        "cli.content_broken": "Innhaldet i {path} har feil:",
        "cli.twin": (
            "Åtvaring: {where}: «{id}» finst ikkje på {form}. Økter på {form} som treng det, kan ikkje "
            "starte."
        ),
        "cli.pair_needed": "samspill run: --programme og --session må givast saman",
        "cli.unknown_programme": "ukjent program «{programme}» (finst: {known})",
        "cli.untranslated": (
            "programmet «{programme}» kan ikkje køyrast på {form}: «{needs}» finst berre på {other}. "
            "Start økta med --lang {other_code}, eller skriv versjonen på {form} først."
        ),
        "cli.bad_name": "{command}: ugyldig namn på økta «{name}»",
        "cli.read_failed": "{command}: kunne ikkje lese {path}: {reason}",
        "cli.carried": "Tok med {n} avtale(r) frå «{source}» i «{name}»",
        "cli.attached": "La ved {path} i «{name}»",
        "cli.rejected.programme-mismatch": "økta «{name}» finst alt med eit anna program",
        "cli.rejected.unknown-programme": "programmet «{programme}» kan ikkje køyrast på denne målforma",
        "cli.rejected.no-agenda": "programmet «{programme}» har ingen dagsorden å føre avtalane inn i",
        "cli.rejected.same-session": "ei økt kan ikkje følgje opp seg sjølv",
        "cli.rejected.too-long": "{path} er for stor",
        "cli.rejected.empty": "{path} er tom",
        "cli.locked": "{command}: økta «{name}» er open i ein Samspill som køyrer. Avslutt den først.",
        "cli.no_session": "{command}: fann inga økt «{name}» i {dir}",
        "cli.write_failed": "samspill export: kunne ikkje skrive {path}: {reason}",
        "cli.wrote": "Skreiv {path}",
        "cli.no_sessions": "Ingen økter i {dir}",
        "cli.columns": "Namn|Program|Oppretta|Deltakarar|Storleik",
        "cli.delete_ask": (
            "Slette økta «{name}» og alt som er eksportert frå ho? Svara er personopplysingar, og "
            "slettinga kan ikkje angrast. [j/N] "
        ),
        "cli.nothing_deleted": "Ingenting er sletta.",
        "cli.delete_failed": "samspill sessions: kunne ikkje slette «{name}»: {reason}",
        "cli.deleted": "Sletta økta «{name}» ({n} filer).",
        "cli.problems": "{n} feil i {root}",
        "cli.counts": (
            "{form}: {cases} casar, {reflection} refleksjonssett, {statements} påstandssett, "
            "{programmes} program"
        ),
        "cli.ok": "OK: {root}",
        "run.listen": "Kunne ikkje starte nettsida for mobilane: {reason}. Prøv ein annan --port.",
        "home.content": "Innhaldet har feil, og økta kan ikkje starte:",
        "home.where": "Øktene blir lagra i {path}",
        "sessions.where": "Øktene ligg i {path}",
        "step.lobby": "Ver med",
        "step.summary": "Oppsummering",
        "step.gap": "Der vi ser ulikt",
        "step.questions": "Spørsmål: {title}",
        "questions.prompt": "Kva vil du spørje om?",
        "questions.none": "Ingen spørsmål enno.",
        "questions.waiting": "{n} ventar på godkjenning (på konsollen)",
        "questions.hidden": "{n} skjulte",
        "questions.answered": "svara på",
        "questions.select": "Vel eit spørsmål med piltastane først.",
        "role.folkevalgt": "Folkevald",
        "role.administrasjon": "Administrasjonen",
        "role.ordforer": "Ordførar",
        "role.kommunedirektor": "Kommunedirektør",
        "role.annet": "Anna",
        "pair.notice": (
            "Vurderingane til ordføraren og kommunedirektøren blir berre viste i gjennomgangen, side om "
            "side, når begge har vurdert alle påstandane."
        ),
        "results.hidden": "Resultata er skjulte medan de røystar. Trykk r for å vise dei.",
        "words.count": "{n} ulike ord frå {m} deltakarar",
        "ranking.count": "{n} har rangert",
        "ranking.agreement": "Einigheit (Kendalls W): {w} – {how}",
        "agree.none": "for få svar til å måle",
        "agree.weak": "svak",
        "agree.moderate": "moderat",
        "agree.strong": "sterk",
        "roles.none": "Ingen har valt rolle, så det er inga fordeling per rolle å vise.",
        "roles.reveal_first": "Vis resultata med r for å sjå fordelinga per rolle.",
        "poll.key": "Fasit",
        "poll.reveal_first": "Vis resultata med r, så kjem fasiten under dei.",
        "wall.hidden": "(skjult svar)",
        "wall.select": "Vel eit svar med piltastane først.",
        "cli.help.console": "opne fasilitatorkonsollen for ei økt som køyrer (i ein annan terminal)",
        "cli.help.console_session": "namnet på økta som køyrer",
        "console.unavailable": "Fasilitatorkonsollen kan ikkje koplast til denne økta: {reason}",
        "console.none": (
            "Ingen Samspill køyrer økta «{name}» no. Start ho først med «samspill run», og opne "
            "så konsollen i ein annan terminal."
        ),
        "console.stale": (
            "Ingen Samspill køyrer økta «{name}» no: Samspill vart avbroten sist, og den gamle "
            "koplinga er fjerna. Start økta igjen med «samspill run» først."
        ),
        "console.foreign": (
            "Økta «{name}» blir køyrd av ein annan brukar; konsollen kan berre opnast av den "
            "same brukaren."
        ),
        "console.lost": "Kontakten med Samspill er broten: økta «{name}» køyrer ikkje lenger.",
        "console.version": "Konsollen og appen er ulike versjonar av Samspill ({reason}). Bruk same versjon.",
        "console.title": "Konsoll for «{name}» – berre på skjermen din",
        "console.step": "Steg {n} av {total}",
        "console.next": "Neste: {title}",
        "console.last": "Neste: ingen, dette er siste steget",
        "console.notes": "Fasilitatornotat – berre for deg",
        "console.no_notes": "Ingen fasilitatornotat på dette steget.",
        "console.answer_key": "Fasit: {text}",
        "console.answered": "{n} av {m} har svart",
        "console.joined": "{m} er med",
        "console.timer": "Klokke {time}",
        "console.paused": "(pause)",
        "console.join": "Bli med: {url}   Kode: {code}",
        "console.answers": "Svar på veggen",
        "console.no_answers": "Ingen svar enno.",
        "console.hidden": "(skjult av deg)",
        "console.again": "Trykk {letter} ein gong til for å stadfeste: {what}",
        "console.failed": "Appen kunne ikkje gjere det: {reason}",
        "console.quit_hint": "Trykk q for å lukke konsollen. Økta held fram på projektoren.",
        "console.premoderated": "Førehandsmoderering: svar blir viste etter godkjenning (Enter)",
        "console.pending": "VENTAR",
        "console.reconnecting": (
            "Kontakten med Samspill er broten. Koplar til økta «{name}» igjen når appen er i gang (q lukkar)."
        ),
        "console.back": "Kopla til igjen.",
        "console.offline": "Ikkje kopla til Samspill no: tasten vart ikkje send.",
        "console.notes_hidden": "Fasilitatornotatet er skjult (o viser det).",
        "console.key_hidden": "Fasiten er skjult (f viser han).",
        "console.gap": "Påstandar etter avstand",
        "wall.input": "Innspel sende inn på førehand ({n}):",
        "answered.of": "av {m} har svart",
        "status.hidden": "Resultat skjult",
        "status.shown": "Resultat blir vist",
        "status.locked": "Avrøystinga er låst",
        "status.on_phones": "Resultatet blir vist på mobilane òg",
        "status.closes.lock": "Blir låst når klokka når null",
        "status.closes.reveal": "Blir låst og vist når klokka når null",
        "status.closed": "Påmeldinga er stengd",
        "joining.open": "Nye deltakarar kan bli med att.",
        "joining.closed": "Påmeldinga er stengd for nye deltakarar.",
        "joining.rotated": "Ny QR-kode og kode. Den gamle adressa verkar ikkje lenger.",
        "reset.confirm": "Slette alle røyster og svar på «{step}»? Dette kan ikkje angrast.",
        "dialog.yes": "Ja, slett",
        "dialog.no": "Avbryt",
        "dialog.close_joining": "Ja, steng",
        "dialog.rotate": "Ja, lag ny kode",
        "dialog.quit": "Ja, avslutt",
        "joining.confirm": (
            "Stengje påmeldinga? Nye mobilar kan ikkje bli med før du opnar ho att med j. Dei som alt "
            "er med, held fram."
        ),
        "rotate.confirm": (
            "Lage ny QR-kode og kode? Den gamle adressa sluttar å verke, også for dei som ikkje har "
            "skanna enno. Dei som alt er med, held fram."
        ),
        "quit.confirm": (
            "Avslutte? Mobilane som er med ({n}), mistar kontakten til du startar økta att. Alt er "
            "lagra."
        ),
        "steps.heading": "Gå til steg (Enter vel, Esc lukkar)",
        "help.heading": "Tastar",
        "palette.placeholder": "Søk etter kommandoar …",
        "palette.quit": "Avslutt",
        "palette.quit_help": "Avslutt Samspill med ein gong (alt er allereie lagra)",
        "palette.maximize": "Forstørr",
        "palette.maximize_help": "Vis det valde feltet over heile skjermen",
        "palette.minimize": "Vanleg storleik",
        "palette.minimize_help": "Vis det forstørra feltet i vanleg storleik att",
        "quit.notice_title": "Vil du avslutte?",
        "quit.notice": "Trykk {quit_key} for å avslutte Samspill.",
        "kind.lobby": "Ver med",
        "kind.case": "Case",
        "kind.reflection": "Refleksjon",
        "kind.poll": "Avrøysting",
        "kind.statement": "Påstand",
        "kind.words": "Ord",
        "kind.ranking": "Rangering",
        "rating.choose": "Vel påstandane de skal vurdere (mellomrom vel, ctrl+s lagrar, Esc avbryt):",
        "rating.chosen": "{n} av {m} påstandar er valde.",
        "rating.started": "Nokon har alt byrja å vurdere, så påstandane kan ikkje endrast no.",
        "rating.empty": "Vel minst éin påstand.",
        "trend.closer": "nærare kvarandre",
        "trend.further": "lenger frå kvarandre",
        "trend.same": "like langt frå kvarandre",
        "trend.unknown": "kan ikkje samanliknast",
        "gap.trend": "Avstand sist: {before} · no: {now} – {change}",
        "gap.last": "Avtalt sist",
        "sum.last_distance": "Avstand sist",
        "sum.change": "Utvikling",
        "sum.last_agreed": "Avtalt sist (status)",
        "kind.rating": "Vurdering i eige tempo",
        "guide.kind.rating": "Påstandar i eige tempo",
        "guide.rating": (
            "Kvar vurderer alle dei {n} påstandane på sin eigen telefon, i eige tempo. Skjermen viser "
            "berre kor langt kvar har kome, og alt blir vist samstundes når begge er ferdige."
        ),
        "guide.words": (
            "Kvar skriv eitt til tre ord på telefonen. Trykk r, så viser skjermen orda etter kor mange som "
            "skreiv dei, dei vanlegaste størst."
        ),
        "guide.ranking": (
            "Kvar set alternativa i rekkjefølgje på telefonen (1 er viktigast). Trykk r, så viser skjermen "
            "rekkjefølgja for heile rommet og kor einige de er."
        ),
        "guide.points": (
            "Kvar fordeler {points} poeng på alternativa på telefonen. Trykk r, så viser skjermen "
            "rekkjefølgja for heile rommet og kor einige de er."
        ),
        "rating.hidden": "Kva kvar har svart, blir ikkje vist før begge er ferdige.",
        "rating.finished": "ferdig ✓",
        "rating.count": "{n} er ferdige",
        "rating.both_done": "Begge er ferdige. Gå vidare (→) for å vise alle vurderingane samstundes.",
        "web.progress": "{n} av {m}",
        "web.next": "Neste",
        "web.done": "Ferdig",
        "web.undo": "Angre «Ferdig»",
        "web.rating_missing": "Du har ikkje vurdert {n} av påstandane enno.",
        "web.rating_first": "Gå til den første",
        "web.rating_ready": (
            "Du har vurdert alle påstandane. Trykk «Ferdig» når du er klar; du kan angre til "
            "vurderingane blir viste."
        ),
        "web.rating_finished": "Du er ferdig. Vurderingane blir viste når begge er ferdige.",
        "err.finished": "Du har trykt «Ferdig». Angre først for å endre eit svar.",
        "err.unrated": "Vurder alle påstandane før du trykkjer «Ferdig».",
        "kind.gap": "Der vi ser ulikt",
        "kind.questions": "Spørsmål frå salen",
        "kind.summary": "Oppsummering",
        "gap.need_pair": (
            "Ventar på at ordføraren og kommunedirektøren blir med, vel kvar si rolle og at du stadfestar"
            " rollene med R."
        ),
        "gap.waiting": (
            "Ingenting blir vist før begge har vurdert alle påstandane: {n} av {m} er "
            "vurderte av begge."
        ),
        "gap.agree": "Dette blir vi einige om (s skriv, Enter lagrar, Esc går tilbake):",
        "gap.saved": "Lagra i oppsummeringa.",
        "help.next": "Gå til neste steg",
        "help.previous": "Gå tilbake eitt steg",
        "help.reveal": "Vis eller skjul resultata (skjulte medan de røystar)",
        "help.lock": "Lås avrøystinga, eller opne ho att",
        "help.by_role": "Vis resultata per rolle (berre grupper med nok svar)",
        "help.answer_key": "Vis fasiten og forklaringa på ei avrøysting",
        "help.hide_answer": "Skjul valt svar frå skjermen og eksporten, eller vis det att",
        "help.hide_question": "Skjul valt spørsmål frå skjermen, mobilane og eksporten, eller vis det att",
        "help.answer_question": "Merk valt spørsmål som svara på, eller ta merket bort",
        "help.write": "Skriv avtalen om vald påstand",
        "help.follow_up": "Avtalen om vald påstand med kven som følgjer henne opp, og innan når",
        "help.last_time": "Det de avtalte sist om vald påstand, og korleis det gjekk",
        "help.leave": "Ut av avtalefeltet og tilbake til lista (teksten blir ståande)",
        "help.choose": "Vel kva påstandar mobilane får (før nokon har vurdert)",
        "help.highlight_answer": "Framhev valt svar",
        "help.timer": "Start eller stopp klokka for diskusjonen",
        "help.timer_more": "Eitt minutt meir på klokka",
        "help.timer_less": "Eitt minutt mindre på klokka",
        "help.phone_results": (
            "Vis resultatet på mobilane òg når du viser det (av som standard; aldri for færre "
            "enn k svar)"
        ),
        "help.timer_closes": (
            "Vel kva klokka gjer ved null: ingenting, låser avrøystinga, eller låser og viser "
            "resultatet (mobilane ser tida som er att)"
        ),
        "help.steps": "Vis alle steg og hopp til eitt av dei",
        "help.qr": "Vis QR-koden stor",
        "help.joining": "Steng påmeldinga for nye deltakarar (spør først), eller opne ho att",
        "help.new_code": "Lag ny QR-kode og kode; den gamle sluttar å verke (spør først)",
        "help.reset": "Slett røyster og svar på dette steget (spør først)",
        "help.minutes": "Notat og avtalar for dette steget",
        "help.export": "Lagre oppsummeringa",
        "help.help": "Vis denne oversikta",
        "help.app.quit": "Avslutt med ein gong (alt er allereie lagra)",
        "help.quit": "Avslutt (spør først når mobilar er med; alt er allereie lagra)",
        "help.asks": (
            "Tastar med … spør før dei gjer noko. Medan eit tekstfelt er i bruk, går alle bokstavar inn"
            " i feltet."
        ),
        "help.app.toggle_dark": "Byt mellom lyst og mørkt tema",
        "lobby.scan": "Skann QR-koden med mobilen for å vere med",
        "lobby.joined": "deltakarar er med",
        "lobby.unreachable": "Merk: denne adressa kan ikkje nåast frå mobilar på nettverket.",
        "lobby.loopback": (
            "Merk: {host} er denne maskina sjølv, og mobilane kan ikkje nå henne. "
            "Vel eit anna nettverk med i."
        ),
        "lobby.link_local": (
            "Merk: {host} er ei lenkelokal adresse (169.254.x.x eller fe80::), som mobilane som regel "
            "ikkje kan nå. Vel eit anna nettverk med i."
        ),
        "lobby.no_lan": (
            "Fann inga nettverksadresse som mobilane kan nå. Kopla maskina til Wi-Fi eller kabel, "
            "eller slå på ei delt tilkopling (hotspot)."
        ),
        "lobby.network": "Nettverk (i byter)",
        "lobby.not_for_phones": "(ikkje for mobilar)",
        "lobby.open": "Påmeldinga er open",
        "lobby.moved": (
            "Økta har fått ny adresse (den gamle porten var oppteken, eller nettverket er eit anna): "
            "alle mobilar må skanne QR-koden på nytt, eller gå til {origin}."
        ),
        "join.code": "Eller gå til {origin} og skriv koden",
        "join.code_short": "Kode: {code}",
        "theme.command": "Lyst eller mørkt tema",
        "theme.help": "Byt mellom lyst tema (for projektor) og mørkt tema",
        "step.of": "Steg {n} av {total}",
        "minutes": "{n} min",
        "answered": "{n} av {m} har svart",
        "answers.none": "Ingen svar enno.",
        "scale.1": "Heilt ueinig",
        "scale.2": "Delvis ueinig",
        "scale.3": "Verken einig eller ueinig",
        "scale.4": "Delvis einig",
        "scale.5": "Heilt einig",
        "scale.0": "Veit ikkje",
        "dialogue": "Dialogspørsmål",
        "store.failed": "Kunne ikkje lagre til disk: {reason}. Mobilane får melding om å prøve igjen.",
        "export.done": "Oppsummeringa er lagra i {path}",
        "export.failed": "Eksporten feila: {reason}",
        "key.next": "Neste",
        "key.prev": "Førre",
        "key.export": "Eksporter",
        "content.total": "{programme}: {minutes} min til saman ({hours} t {rest} min)",
        "guide.title": "Fasilitatormanus: {title}",
        "guide.time": "Tid: {start}–{end}, {minutes} min til saman ({hours} t {rest} min).",
        "guide.roles_groups": (
            "Mobilane vel gruppe: folkevald, administrasjonen eller anna, ingen roller med namn. Trykk v på "
            "ein påstand for å samanlikne gruppene; ei gruppe med for få svar blir ikkje vist."
        ),
        "guide.overview": "Oversikt",
        "guide.col.time": "Klokka",
        "guide.col.minutes": "Min",
        "guide.col.step": "Steg",
        "guide.kind.case": "Sak",
        "guide.kind.reflection": "Refleksjon",
        "guide.kind.poll": "Avrøysting",
        "guide.kind.words": "Ord",
        "guide.kind.ranking": "Rangering",
        "guide.kind.statements": "Påstandar",
        "guide.kind.gap": "Der vi ser ulikt",
        "guide.kind.questions": "Spørsmål frå salen",
        "guide.questions_step": (
            "Send spørsmål på mobilen, og røyst opp dei du helst vil ha svar på. Ingen ser kven som spør."
        ),
        "guide.questions_approval": "(Godkjenn spørsmåla på konsollen før dei kjem på skjermen.)",
        "guide.questions_direct": "(Spørsmåla kjem rett på skjermen; skjul med h.)",
        "guide.closes.lock": "Når klokka når null, blir steget låst.",
        "guide.closes.reveal": "Når klokka når null, blir steget låst og resultatet vist.",
        "guide.kind.summary": "Oppsummering",
        "guide.read": "Les opp eller fortel",
        "guide.say": "Sei til salen",
        "guide.questions": "Spørsmål på mobilane",
        "guide.notes": "Fasilitatornotat",
        "guide.options": "Svaralternativ",
        "guide.answer": "Fasit: {option}",
        "guide.statements": "Påstandar ({each} min kvar)",
        "guide.gap": (
            "Salen ser først påstandane der ordføraren og kommunedirektøren har svart lengst frå "
            "kvarandre. Bruk dialogspørsmåla frå påstandane til å finne ut kvifor."
        ),
        "guide.summary": (
            "Gå gjennom oppsummeringa på skjermen saman med salen, sei kva som skjer vidare med "
            "svara, og takk for innsatsen."
        ),
        "key.quit": "Avslutt",
        "web.title": "Samspill",
        "web.waiting": "Du er med! Vent til fasilitatoren startar.",
        "web.vote": "Røyst",
        "web.words_hint": "Skriv eitt til tre korte ord. Ord som mange skriv, blir størst på skjermen.",
        "web.word": "Ord {n}",
        "web.rank_hint": "Gi kvart alternativ sin plass: 1 er viktigast, og kvar plass blir brukt éin gong.",
        "web.points_hint": "Fordel {points} poeng på alternativa: alle på eitt, eller litt på fleire.",
        "web.place": "Plass",
        "web.points": "Poeng",
        "web.send": "Send svar",
        "web.saved": "Registrert",
        "web.your_answers": "Svara dine",
        "web.answer_label": "Svaret ditt",
        "web.reload": "Last inn sida på nytt for å følgje med.",
        "web.thanks": "Takk for at du var med!",
        "web.case_read": "Les saka på skjermen eller her.",
        "web.bad_token": "Lenkja er ikkje gyldig. Skann QR-koden på skjermen på nytt.",
        "web.no_cookie": "Du er ikkje med i økta enno. Skann QR-koden på skjermen.",
        "web.error": "Noko gjekk gale",
        "web.back": "Tilbake",
        "err.step-closed": "Dette steget er ikkje lenger ope. Last inn sida på nytt.",
        "err.not-voting": "Det vert ikkje røysta på dette steget.",
        "err.not-answering": "Det vert ikkje teke imot svar på dette steget.",
        "err.bad-value": "Ugyldig val. Vel eitt av alternativa.",
        "err.no-words": "Skriv minst eitt ord. Småord som «og» og «er» blir ikkje talde.",
        "err.word-long": "Eit ord kan ha høgst 30 teikn.",
        "err.bad-ranking": (
            "Gi kvart alternativ sin eigen plass, frå 1 og oppover, utan å bruke ein plass to gonger."
        ),
        "err.bad-points": "Poenga må til saman bli nøyaktig så mange som det står over alternativa.",
        "err.bad-question": "Ukjent spørsmål.",
        "err.not-asking": "Det vert ikkje teke imot spørsmål på dette steget no.",
        "err.unknown-question": "Spørsmålet er ikkje vist lenger.",
        "err.too-long": "Svaret er for langt (høgst {max} teikn).",
        "err.empty": "Svaret er tomt.",
        "err.bad-submission": "Ugyldig innsending. Last inn sida på nytt.",
        "err.csrf": "Skjemaet har gått ut. Last inn sida på nytt og prøv igjen.",
        "err.store": "Svaret vart IKKJE lagra. Prøv igjen om litt.",
        "err.bad-request": "Ugyldig førespurnad.",
        "err.locked": "Steget er stengt for svar. Svaret vart ikkje lagra.",
        "err.bad-role": "Vel ei av rollene.",
        "err.no-roles": "Denne økta spør ikkje om rolle.",
        "err.not-joined": "Du er ikkje med i økta enno. Skann QR-koden på skjermen.",
        "err.joining-closed": "Det er ikkje lenger mogleg å bli med i denne økta. Spør fasilitatoren.",
        "err.too-large": "Innsendinga er for stor.",
        "err.slow": "Innsendinga kom for seint fram. Prøv igjen.",
        "err.connections": "For mange tilkoplingar til økta akkurat no. Prøv igjen om litt.",
        "web.join_heading": "Ver med",
        "web.join_intro": "Skann QR-koden på skjermen, eller skriv inn koden som står under han.",
        "web.code_label": "Kode (6 teikn)",
        "web.join_button": "Ver med",
        "web.bad_code": "Koden stemmer ikkje. Sjekk koden på skjermen og prøv igjen.",
        "web.joining_closed": "Det er ikkje lenger mogleg å bli med i denne økta. Spør fasilitatoren.",
        "web.bad_host": "Ukjend adresse. Bruk adressa eller QR-koden som står på skjermen.",
        "web.rate_limited": "For mange forsøk på kort tid. Vent litt og prøv igjen.",
        "web.not_found": "Sida finst ikkje.",
        "web.locked": "Røystinga er stengd.",
        "web.closes_at": "Røystinga stengjer kl. {time}.",
        "web.closes_in": "Røystinga stengjer om {time}.",
        "web.answers_locked": "Det vert ikkje lenger teke imot svar på dette steget.",
        "web.questions_locked": "Det vert ikkje lenger teke imot spørsmål eller røyster på dette steget.",
        "web.ask": "Spørsmålet ditt",
        "web.send_question": "Send spørsmål",
        "web.your_questions": "Spørsmåla dine",
        "web.asked": "Spørsmål frå salen",
        "web.no_questions": "Ingen spørsmål er viste enno.",
        "web.more_questions": "Fleire spørsmål står på skjermen.",
        "web.upvote": "Røyst opp ({n})",
        "web.answered": "svara på",
        "web.your_vote": "Svaret ditt",
        "web.results": "Resultat",
        "web.results_total": "{n} har svart.",
        "web.top_words": "Dei vanlegaste orda, og kor mange som skreiv dei:",
        "web.by_place": "Rekkjefølgja for heile salen, med snittplassen (1 er viktigast):",
        "web.by_points": "Rekkjefølgja for heile salen, med poenga til saman:",
        "web.count": "{n} av {max} teikn",
        "web.max_chars": "Høgst {max} teikn.",
        "web.sending": "Sender …",
        "web.retrying": "Ikkje lagra enno. Prøver igjen …",
        "web.failed": "Ikkje lagra. Sjekk nettet og trykk på knappen igjen.",
        "web.offline": (
            "Mista kontakten med laptopen. Prøver på nytt av seg sjølv – det du har skrive, blir "
            "ståande."
        ),
        "web.refresh": "Oppdater",
        "web.screen": "Følg med på skjermen.",
        "web.role_heading": "Vel rolle",
        "web.role_question": "Kva rolle har du?",
        "web.continue": "Hald fram",
        "sum.organ": "Organ",
        "sum.place": "Stad",
        "sum.time": "Tid",
        "sum.present": "Til stades",
        "sum.present_count": "{role}: {n}",
        "sum.chair": "Møteleiar",
        "sum.secretary": "Referent",
        "sum.clock": "kl.",
        "err.meeting-date": "Skriv datoen som dd.mm.åååå, til dømes 14.03.2026.",
        "err.meeting-time": "Skriv tidene som TT:MM, og slutt etter start.",
        "err.meeting-count": "Talet til stades må vere eit heilt tal, 0 eller meir.",
        "err.meeting-long": "Eitt av felta er for langt.",
        "meeting.title": "Om møtet (står øvst i oppsummeringa og referatet)",
        "meeting.organ": "Organ (til dømes Formannskapet)",
        "meeting.kommune": "Kommune",
        "meeting.place": "Stad",
        "meeting.date": "Dato (dd.mm.åååå)",
        "meeting.start": "Frå kl. (TT:MM)",
        "meeting.end": "Til kl. (TT:MM)",
        "meeting.present": "Til stades: namn, skilde med komma",
        "meeting.counts": "… eller talet til stades per rolle",
        "meeting.chair": "Møteleiar",
        "meeting.secretary": "Referent",
        "meeting.saved": "Møtedetaljane er lagra.",
        "meeting.failed": "Kunne ikkje lagre møtedetaljane: {reason}",
        "home.meeting": "Møtedetaljar …",
        "home.meeting_set": "Møtedetaljane blir lagra i økta når ho startar.",
        "help.meeting": "Organ, stad, tid, kven som var til stades, møteleiar og referent",
        "pdf.missing": (
            "PDF kan ikkje lagast fordi {lib} manglar på maskina. Installer Pango: på Debian og Ubuntu "
            "«sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0», på macOS «brew install pango», på "
            "Windows sjå installasjonsrettleiinga til WeasyPrint (GTK med MSYS2). Dei andre formata "
            "verkar som før."
        ),
        "pdf.page": "Side",
        "pdf.of": "av",
        "export.partial": "Oppsummeringa er lagra i {path}, men utan PDF: {reason}",
        "xlsx.meeting": "Møtet",
        "xlsx.statements": "Påstandar",
        "xlsx.polls": "Avrøystingar",
        "xlsx.words": "Ord",
        "xlsx.rankings": "Rangeringar",
        "xlsx.answers": "Svar",
        "xlsx.questions": "Spørsmål",
        "xlsx.upvotes": "Røyster",
        "xlsx.status": "Status",
        "xlsx.agreements": "Avtalar",
        "xlsx.field": "Felt",
        "xlsx.value": "Verdi",
        "xlsx.step": "Steg",
        "xlsx.theme": "Tema",
        "xlsx.question": "Spørsmål",
        "xlsx.answer": "Svar",
        "xlsx.responses": "Svar i alt",
        "xlsx.withheld": "Halde tilbake",
        "xlsx.yes": "ja",
        "xlsx.start": "Frå kl.",
        "xlsx.end": "Til kl.",
        "xlsx.role": "Rolle",
        "xlsx.all": "Alle",
        "xlsx.carried": "Frå førre samtale",
        "sum.session": "Økt",
        "sum.date": "Dato",
        "sum.participants": "Deltakarar",
        "sum.option": "Svar",
        "sum.count": "Tal",
        "sum.share": "Del",
        "sum.responses": "{n} av {m} deltakarar svara.",
        "sum.no_answers": "Ingen svar.",
        "sum.key": "Fasit",
        "sum.reflection": "Refleksjon",
        "sum.statements": "Påstandar",
        "sum.poll": "Avrøysting",
        "sum.words": "Ord",
        "sum.cloud": "Ordsky: {title}",
        "sum.ranking": "Rangering",
        "sum.rank_place": "Plass",
        "sum.alternative": "Alternativ",
        "sum.mean_rank": "Snittplass",
        "sum.points": "Poeng",
        "sum.agreement_w": "Einigheit (Kendalls W, 0–1): {w} – {how}",
        "sum.mean": "Gjennomsnitt (1–5, utan «veit ikkje»)",
        "sum.footer": (
            "Laga med Samspill. Svara er anonyme: inga gruppe med færre enn {k} svar er vist for seg."
        ),
        "sum.footer_named": (
            "Laga med Samspill. Ordføraren og kommunedirektøren svara med rolle, og vurderingane deira "
            "står side om side i gjennomgangen. Andre svar er berre viste samla, i grupper på minst {k}."
        ),
        "sum.case": "Sak",
        "sum.note": "Notat",
        "sum.agreed": "Avtalt",
        "sum.agreement": "Avtale",
        "sum.owner": "Ansvarleg",
        "sum.due": "Frist",
        "sum.status": "Status",
        "sum.no_owner": "Ikkje avklart",
        "sum.no_status": "Ikkje fylt ut",
        "sum.followups": "Oppfølging",
        "sum.followups_intro": "Dette vart avtalt, med kven som følgjer opp og innan når.",
        "sum.by_role": "Fordelt på rolle",
        "sum.roles_withheld": (
            "Blir ikkje vist per rolle: {groups}. Ei gruppe blir berre vist med minst {k} svar, og aldri "
            "slik at ei mindre gruppe kan reknast ut."
        ),
        "sum.gap_intro": (
            "Påstandane er sorterte etter kor langt frå kvarandre vurderingane er, størst "
            "avstand først. Vurderingane blir viste med rolle, fordi samtalen er mellom to "
            "kjende personar."
        ),
        "sum.gap_waiting": (
            "Avstandane blir viste når både ordføraren og kommunedirektøren har vurdert alle "
            "påstandane."
        ),
        "sum.statement": "Påstand",
        "sum.distance": "Avstand",
        "sum.highlighted": "framheva",
        "sum.upvotes": "{n} røyster",
        "sum.q_answered": "svara på",
        "sum.q_open": "ikkje svara på",
        "sum.chart": "Fordeling av svar: {title}",
        "sum.other_notes": "Andre notat",
        "sum.referat_title": "Referat: {title}",
        "sum.draft": "Utkast – til godkjenning",
        "sum.draft_intro": (
            "Dette er eit utkast laga i Samspill. Det blir referat først når deltakarane har "
            "godkjent det. Referatet blir rapportert til kommunestyret og behandla etter "
            "offentleglova."
        ),
        "sum.withheld": "«{title}» vart drøfta i samtalen, men blir ikkje skrive i referatet.",
        "sum.follows": "Følgjer opp",
        "sum.part.resultater": "Gjennomgang av resultat",
        "sum.part.forventninger": "Nye mål og forventningar",
        "sum.part.samhandling": "Prinsipp for samhandlinga mellom folkevalde og administrasjonen",
        "sum.part.utvikling": "Utviklingstiltak for kommunedirektøren",
        "sum.carried": "Oppfølging av førre samtale ({session})",
        "sum.input": "Innspel på førehand",
        "sum.meeting_answers": "Innspel i møtet",
        "sum.attachment": "Vedlegg: {name}",
        "sum.referat_footer": "Laga med Samspill. Innspela er anonyme.",
        "owner.kommunedirektor": "Kommunedirektøren",
        "owner.arbeidsgiver": "Arbeidsgivarsida",
        "owner.ordforer": "Ordføraren",
        "minutes.title": "Notat og avtalar: {step}",
        "minutes.note": "Notat (kjem med i oppsummeringa)",
        "minutes.withheld": (
            "Dette punktet blir ikkje skrive i referatet. Notat og avtalar her kjem ikkje med "
            "i nokon eksport."
        ),
        "minutes.agreements": "Avtalar",
        "minutes.none": "Ingen avtalar enno. Trykk ctrl+n for å leggje til ein.",
        "minutes.new": "Ny avtale",
        "minutes.edit": "Endre avtale",
        "minutes.text": "Kva er avtalt?",
        "minutes.owner": "Kven følgjer opp?",
        "minutes.due": "Frist (dd.mm.åååå)",
        "minutes.status": "Status",
        "minutes.bad_due": "Skriv fristen som dd.mm.åååå, til dømes 30.06.2026.",
        "minutes.empty": "Skriv kva som er avtalt.",
        "minutes.saved": "Lagra.",
        "minutes.deleted": "Avtalen er sletta.",
        "minutes.failed": "Kunne ikkje lagre: {reason}",
        "help.facilitator_notes": (
            "Vis fasilitatornotatet til steget (berre for deg – det blir vist på skjermen)"
        ),
        "notes.heading": "Fasilitatornotat – berre for fasilitatoren: {step}",
        "held.few": "Resultatet blir ikkje vist: færre enn {k} har svart.",
        "held.named": (
            "Resultatet blir ikkje vist her: vurderingane til ordføraren og kommunedirektøren står i "
            "gjennomgangen, og andre svar blir berre viste når minst {k} har svart."
        ),
        "held.few_live": "Resultatet blir vist når minst {k} har svart ({n} så langt).",
        "held.named_live": (
            "Vurderingane til ordføraren og kommunedirektøren blir viste i gjennomgangen når begge er "
            "ferdige. Andre svar blir viste når minst {k} har svart ({n} så langt)."
        ),
        "roles.withheld": (
            "Blir ikkje vist: {groups} (under {k} svar, eller så få at gruppa kunne reknast ut)."
        ),
        "sum.hidden_count": "{n} svar skjulte av fasilitator.",
        "sum.hidden_questions": "{n} spørsmål skjulte av fasilitator eller ikkje godkjende.",
        "sum.attachment_kept": (
            "Kommunedirektøren la ved eit notat. Det er fortruleg personalmateriale, er ikkje ein del av "
            "referatet og er ikkje attgitt her."
        ),
        "attachment.mark": "FORTRULEG – personalmateriale. Ikkje ein del av referatet.",
        "attachment.intro": (
            "Notat frå kommunedirektøren, lagt ved økta «{session}» (fil: {name}). Del det berre med dei "
            "som skal ha det."
        ),
        "attachment.notice": (
            "Notatet er lagra i økta som fortruleg personalmateriale. Det blir ikkje sitert i referatet; "
            "det blir berre eksportert som ei eiga fil merkt fortruleg."
        ),
        "promise.grouped": (
            "Anonymt: svaret ditt blir berre vist saman med andre sine, og ei gruppe blir berre vist når "
            "minst {k} har svart."
        ),
        "promise.named": (
            "Ikkje anonymt: vurderingane dine blir viste med rolle, side om side med den andre sine, når "
            "de begge har vurdert alle påstandane – ikkje før."
        ),
        "promise.observer": (
            "Anonymt: svaret ditt blir berre vist saman med andre sine, og berre når minst {k} har svart."
        ),
        "promise.role": (
            "Rolla blir berre brukt til å samanlikne grupper, og ei gruppe blir berre vist når minst {k} "
            "i ho har svart. Ingen ser kva du svara."
        ),
        "promise.role_groups": (
            "Du vel ei gruppe, ikkje ei rolle med namn. Gruppa blir berre brukt til å samanlikne røyster: "
            "ei gruppe blir berre vist når minst {k} i ho har røysta, og aldri slik at ei mindre gruppe "
            "kan reknast ut. Det du skriv, blir vist utan gruppe."
        ),
        "promise.role_named": (
            "Vel du ordførar eller kommunedirektør, blir vurderingane dine viste med rolle, side om side "
            "med den andre sine, når de begge har vurdert alle påstandane. Alle andre svar blir berre "
            "viste samla, når minst {k} har svart."
        ),
        "cli.help.attachment": "skriv ut det vedlagde notatet i staden, som eiga fortruleg fil",
        "cli.help.guide": "skriv ut manuset for fasilitatoren til eit program",
        "cli.help.guide_programme": "programmet, til dømes folkevalgtdag",
        "cli.help.guide_format": "md (standard) eller html",
        "cli.help.guide_start": "klokkeslettet for første steg (standard: 09:00)",
        "cli.err.min_group": "--min-group må vere eit heilt tal, minst {least} (var {value!r})",
        "cli.no_attachment": "samspill export: økta «{name}» har ikkje noko vedlegg",
        "cli.bad_start": "samspill content guide: skriv --start som TT:MM, ikkje {value!r}",
        "promise.named_unshown": (
            "Svaret ditt på dette steget blir ikkje vist nokon stad, verken åleine eller saman med andre "
            "sine: berre vurderingane av påstandane blir viste, i gjennomgangen."
        ),
        "promise.questions": (
            "Spørsmåla er anonyme: ingen ser kven som sende dei eller røysta på dei. Fasilitatoren "
            "godkjenner kvart spørsmål før det blir vist."
        ),
        "promise.questions_direct": (
            "Spørsmåla er anonyme: ingen ser kven som sende dei eller røysta på dei. Dei blir viste med "
            "ein gong, og fasilitatoren kan skjule eit spørsmål."
        ),
        "crash.message": (
            "Samspill stoppa på grunn av ein uventa feil. Alt som var lagra, er i behald. Detaljane for "
            "feilsøking står i {path}."
        ),
        "crash.unlogged": (
            "Samspill stoppa på grunn av ein uventa feil. Alt som var lagra, er i behald. Detaljane kunne"
            " ikkje lagrast: {reason}."
        ),
        "err.server": "Noko gjekk gale på laptopen. Svaret vart ikkje lagra. Prøv igjen om litt.",
        "web.code_limited": (
            "For mange feil kodar frå dette nettet. Skann QR-koden på skjermen i staden, eller vent litt."
        ),
        "err.role-chosen": "Du har alt valt rolle. Spør fasilitatoren om ho er feil.",
        "err.role-taken": (
            "Den rolla har ein annan alt valt. Gå tilbake og vel ei anna rolle, eller spør fasilitatoren."
        ),
        "err.choose-role": "Vel rolle først. Last inn sida på nytt.",
        "roles.claimed": "Ein mobil valde rolla {role}. Stadfest med R når du veit at det stemmer.",
        "roles.heading": "Roller med namn (Enter stadfester, Delete frigjer, Esc lukkar)",
        "roles.free": "ledig",
        "roles.waiting": "vald, ventar på at du stadfestar",
        "roles.confirmed": "stadfest",
        "help.roles": "Stadfest eller frigje rollene ordførar og kommunedirektør",
        # Content problems (samspill content check, a refused start): what is typed stays literal.
        "problem.front_matter_missing": (
            "manglar toppdel (front matter): fila må byrje med ei linje «---», så linjer «nøkkel: "
            "verdi» og til slutt ei linje «---»"
        ),
        "problem.front_matter_line": "linja i toppdelen er ikkje «nøkkel: verdi»: «{text}»",
        "problem.front_matter_twice": "«{name}:» står to gonger i toppdelen",
        "problem.front_matter_unknown": "ukjend nøkkel «{name}:» i toppdelen; bruk ein av desse: {allowed}",
        "problem.no_id": "toppdelen manglar «id:»",
        "problem.bad_id": "ugyldig id «{id}»: bruk små bokstavar a–z (ikkje æ, ø, å), siffer og «-»",
        "problem.id_not_file_name": "id-en «{id}» stemmer ikkje med filnamnet «{name}»",
        "problem.no_title": "toppdelen manglar «title:»",
        "problem.heading_1": "overskrifter på nivå 1 («# …») blir ikkje brukte; byrj med «##»",
        "problem.questions_only_list": "under «{heading}» skal det berre stå ei liste med spørsmål",
        "problem.questions_none": "«{heading}» har ingen spørsmål (skriv dei som ei liste med «- »)",
        "problem.questions_empty": "tomt spørsmål",
        "problem.dialogue_only_list": "under «{heading}» skal det berre stå ei liste med dialogspørsmål",
        "problem.dialogue_none": "«{heading}» har ingen dialogspørsmål (skriv dei som ei liste med «- »)",
        "problem.dialogue_empty": "tomt dialogspørsmål",
        "problem.section_unknown": "ukjend overskrift «## {heading}»; bruk ei av {expected}",
        "problem.section_twice": "«## {heading}» står to gonger",
        "problem.section_missing": "manglar «## {heading}»",
        "problem.poll_no_question": (
            "overskrifta for avrøystinga treng eit spørsmål etter kolon, til dømes «## Avrøysting: "
            "Kven har ansvaret?»"
        ),
        "problem.poll_option": "eit svaralternativ skal skrivast «id: tekst», ikkje «{text}»",
        "problem.poll_option_twice": "svaralternativet «{id}» står to gonger",
        "problem.poll_few_options": "ei avrøysting treng minst to svaralternativ",
        "problem.poll_no_answer": (
            "avrøystinga har ingen fasit: legg til ei linje «Fasit: <id for alternativet>»"
        ),
        "problem.poll_answer_unknown": (
            "fasiten «{answer}» er ikkje eitt av alternativa (alternativ: {options})"
        ),
        "problem.situation_empty": "situasjonen er tom",
        "problem.viewpoint_whose": "skriv kven sitt synspunkt det er: «## Synspunkt: Ordføraren»",
        "problem.referat_value": "«referat:» må vere {parts} eller {no}, ikkje «{value}»",
        "problem.input_value": (
            "«input:» skal skrivast «<id for refleksjonssettet> <spørsmålsnummer>», ikkje «{value}»"
        ),
        "problem.theme_empty": "temaet «## {theme}» har ingen påstandar («### s01: …»)",
        "problem.statement_heading": "ein påstand skal skrivast «### id: påstand», ikkje «### {heading}»",
        "problem.statement_twice": "id-en «{id}» er brukt på to påstandar",
        "problem.deck_empty": "påstandssettet har ingen påstandar",
        "problem.steps_only_list": "under «## Steg» skal det berre stå ei liste med steg",
        "problem.steps_none": "programmet har ingen steg (skriv dei som ei nummerert liste)",
        "problem.step_empty": "tomt steg «{text}»",
        "problem.step_kind": "ukjend stegtype «{kind}»; bruk ein av {kinds}",
        "problem.step_minutes": (
            "ugyldig tal på minutt «{value}»: skriv «(N min)» med N frå 1 til {most}"
        ),
        "problem.step_summary_id": "eit «summary»-steg tek ingen id",
        "problem.step_bracket": (
            "ugyldig «({value})»: skriv «(N min)» med N frå 1 til {most}, og etter eit komma «lås», "
            "«lås og vis» eller (på eit questions-steg) «direkte»"
        ),
        "problem.step_option": "«{option}» står to gonger eller passar ikkje på eit «{kind}»-steg",
        "problem.step_no_id": "eit «{kind}»-steg treng id-en til det som skal visast",
        "problem.step_ids": "eit «{kind}»-steg tek éin id, ikkje «{ids}»",
        "problem.roles_value": "«roles:» må vere ja, nei eller grupper, ikkje «{value}»",
        "problem.file_large": "fila er større enn {most} byte",
        "problem.file_utf8": "fila er ikkje UTF-8-tekst (første feil i byte {byte}); lagre ho som UTF-8",
        "problem.file_read": "fila kan ikkje lesast: {reason}",
        "problem.id_twice": "id-en «{id}» er brukt to gonger: også i {other}",
        "problem.case_unknown": "ingen case har id-en «{id}»",
        "problem.reflection_unknown": "ingen refleksjonssett eller case har id-en «{id}»",
        "problem.questions_unknown": "ingen case eller refleksjonssett har id-en «{id}»",
        "problem.input_step": (
            "«{id}» viser svara frå «{input}»: legg «reflection {input}» til i programmet"
        ),
        "problem.case_no_poll": "casen «{id}» har inga avrøysting («## Avrøysting: …»)",
        "problem.one_question": (
            "eit «{kind}»-steg treng eit refleksjonssett med nøyaktig eitt spørsmål, og «{id}» har ikkje det"
        ),
        "problem.ranking_no_options": "«{id}» har ingen alternativ å rangere («## Alternativ»)",
        "problem.ranking_points": (
            "eit «ranking»-steg tek éin id og eventuelt kor mange poeng som blir fordelte ({low}–{high}), "
            "ikkje «{value}»"
        ),
        "problem.options_many": "høgst {most} alternativ kan rangerast",
        "problem.gap_roles": "eit «gap»-steg samanliknar ordførar og kommunedirektør; set «roles: ja»",
        "problem.deck_unknown": "ingen påstandssett har id-en «{id}»",
        "problem.deck_no_statement": "påstandssettet «{deck}» har ingen påstand «{id}»",
        "problem.input_unknown": "«input:» viser ikkje til eit anna refleksjonssett: «{id}»",
        "problem.input_agenda": "«{id}» i «input:» er sjølv eit dagsordenpunkt (har «input:»)",
        "problem.input_number": "«{id}» har {count} spørsmål, ikkje {n}",
        "problem.input_used": "spørsmål {n} i «{id}» er også input til «{other}»",
        "problem.twin_statements": "påstandane i «{id}» har andre id-ar enn på bokmål",
        "problem.twin_links": "«referat:» eller «input:» i «{id}» er ikkje som på bokmål",
        "problem.twin_options": "alternativa i «{id}» har andre id-ar enn på bokmål",
        "problem.twin_poll": (
            "avrøystinga i «{id}» har andre alternativ eller ein annan fasit enn på bokmål"
        ),
        "problem.no_content_folder": "fann ikkje innhaldsmappa",
        "problem.no_lang_folder": "fann ikkje mappa for målforma",
        "cli.help.data_dir_default": "mappa med øktene (standard: {path})",
        "cli.help.meeting": "møtedetaljar (øvst i kvar eksport; også tasten M i appen)",
        "cli.help.meeting_organ": "organet, til dømes Formannskapet",
        "cli.help.meeting_kommune": "kommunen",
        "cli.help.meeting_place": "møtestaden",
        "cli.help.meeting_date": "datoen, DD.MM.ÅÅÅÅ",
        "cli.help.meeting_time": "frå og til, TT:MM-TT:MM",
        "cli.help.meeting_present": "kven som var til stades, namn skilde med komma",
        "cli.help.meeting_chair": "møteleiar",
        "cli.help.meeting_secretary": "referent",
        "cli.help.meeting_present_count": (
            "kor mange som var til stades i ei rolle (folkevalt, administrasjon, anna); kan gjentakast"
        ),
        "cli.help.csv_dialect": "csv: komma for andre program (standard), eller semikolon for norsk Excel",
        "problem.control_char": (
            "eit usynleg styreteikn ({code}) som kan styre terminalen eller snu teksten; fjern det"
        ),
        "home.corrupt": (
            "Øktfila for «{name}» ({path}) er skadd og kan ikkje lesast. Ho er ikkje endra. Start ei ny "
            "økt med eit anna namn, og ta vare på fila til nokon har sett på ho."
        ),
        "home.open_failed": "Kunne ikkje opne økta «{name}»: {reason}.",
        "cli.corrupt": "{command}: øktfila {path} er skadd og kan ikkje lesast. Ho er ikkje endra.",
        "cli.crash": "{command} stoppa på grunn av ein uventa feil. Detaljane for feilsøking står i {path}.",
        "cli.crash_unlogged": (
            "{command} stoppa på grunn av ein uventa feil, og detaljane kunne ikkje lagrast: {reason}."
        ),
        "errno.ENOSPC": "disken er full",
        "errno.EACCES": "du har ikkje tilgang",
        "errno.EPERM": "du har ikkje tilgang",
        "errno.EISDIR": "det ligg ei mappe der ei fil skulle vore",
        "errno.EROFS": "disken er skriveverna",
        "errno.EADDRINUSE": "adressa og porten er alt i bruk",
        "errno.EADDRNOTAVAIL": "adressa finst ikkje på denne maskina",
        "errno.ENOENT": "mappa finst ikkje",
        "errno.EIO": "disken svara med ein feil",
        "err.full": "Økta har nådd grensa for kor mange som kan vere med. Sei frå til fasilitatoren.",
        "err.answer-limit": "Du har sendt svært mange svar på dette steget. Fleire blir ikkje tekne imot.",
        "err.session-full": (
            "Økta tek ikkje imot fleire svar akkurat no. Svaret vart ikkje lagra. Sei frå til "
            "fasilitatoren."
        ),
        "limits.reached.participants": (
            "Grensa på {n} deltakarar er nådd: nye mobilar kjem ikkje inn. Trykk L for å doble ho."
        ),
        "limits.reached.text_chars": (
            "Grensa på {n} teikn svartekst i økta er nådd: nye svar blir ikkje lagra. Trykk L for å doble"
            " ho."
        ),
        "limits.reached.connections": (
            "Grensa på {n} opne tilkoplingar er nådd: nye mobilar må vente. Trykk L for å doble ho."
        ),
        "limits.reached.connections_per_address": (
            "Grensa på {n} tilkoplingar frå éi adresse er nådd (mange mobilar bak same ruter, eller"
            " éin som prøver å fylle opp). Trykk L for å doble ho."
        ),
        "limits.reached.descriptors": (
            "Maskina tillèt ikkje fleire opne filer: {n} tilkoplingar er taket, resten er halde av til"
            " lagringa. Nye mobilar må vente."
        ),
        "limits.now": (
            "Grensene er no {participants} deltakarar, {chars} teikn svartekst, {connections} tilkoplingar"
            " og {per_address} frå éi adresse."
        ),
        "help.raise_limits": "Doble grensene økta har nådd (deltakarar, svartekst, tilkoplingar)",
    },
}


def os_reason(lang: str, exc: OSError) -> str:
    """Why the operating system said no, in ``lang`` where we know the error (else its own words)."""
    name = errno.errorcode.get(exc.errno or 0, "")
    known = _STRINGS.get(lang, _STRINGS["nb"]).get(f"errno.{name}")
    return known or str(exc.strerror or exc)


def t(lang: str, key: str, **values: object) -> str:
    """The string ``key`` in language form ``lang``, with ``values`` filled in."""
    text = _STRINGS.get(lang, _STRINGS["nb"]).get(key) or _STRINGS["nb"][key]
    return text.format(**values) if values else text


def decimal(value: float | None, places: int = 1) -> str:
    """A number as both language forms write it, with a decimal comma; «–» for none."""
    return "–" if value is None else f"{value:.{places}f}".replace(".", ",")


def keys(lang: str) -> set[str]:
    """All string keys of a language form (for tests that both forms are complete)."""
    return set(_STRINGS[lang])
