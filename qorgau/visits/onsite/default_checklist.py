"""The default checklist of an NPM visit, in Kazakh, Russian and English.

Installed (published, version 1) by the data migration 0002 of this app. Its
sections follow the areas of the Mandela Rules (the Theme choices); each
question cites the rules it checks. Solitary confinement is 22 hours or more a
day without meaningful human contact; prolonged is more than 15 consecutive
days (Rule 44), and prohibited (Rule 43).
"""

from __future__ import annotations

CODE = "npm-basic"
TITLE = {
    "kk": "ҰПМ бару тексеру парағы (негізгі)",
    "ru": "Контрольный лист посещения НПМ (базовый)",
    "en": "NPM visit checklist (basic)",
}

# (theme, title {kk, ru, en}, [(code, answer type, standards, text {kk, ru, en}), …])
SECTIONS: list[tuple[str, dict, list[tuple[str, str, str, dict]]]] = [
    (
        "dignity",
        {
            "kk": "Адамның қадір-қасиетін құрметтеу және қарым-қатынас",
            "ru": "Уважение достоинства и обращение",
            "en": "Respect for dignity and treatment",
        },
        [
            (
                "DIG-1",
                "choice",
                "Mandela Rules 1",
                {
                    "kk": "Ұсталғандар қызметкерлердің оларға құрметпен, балағаттаусыз, "
                    "қорқытусыз және қорлаусыз қарайтынын айта ма?",
                    "ru": "Сообщают ли содержащиеся, что персонал обращается с ними "
                    "уважительно, без оскорблений, угроз и унижений?",
                    "en": "Do detainees say that staff treat them with respect, without "
                    "insults, threats or humiliation?",
                },
            ),
            (
                "DIG-2",
                "choice",
                "Mandela Rules 1, 34, 57(3)",
                {
                    "kk": "Азаптау немесе басқа да қатыгез қарым-қатынас белгілері не "
                    "арыздары бар ма (дене жарақаттары, үрей, бірнеше ұсталғанның айтқандары)?",
                    "ru": "Есть ли признаки или заявления о пытках и других видах жестокого "
                    "обращения (телесные повреждения, страх, рассказы нескольких содержащихся)?",
                    "en": "Are there signs or allegations of torture or other ill-treatment "
                    "(injuries, fear, consistent accounts from several detainees)?",
                },
            ),
            (
                "DIG-3",
                "choice",
                "Mandela Rules 2",
                {
                    "kk": "Ұсталғандарға ұлтына, тіліне, дініне, жынысына немесе өзге де "
                    "мәртебесіне қарай кемсітусіз қарала ма?",
                    "ru": "Обращаются ли с содержащимися без дискриминации по признаку "
                    "национальности, языка, религии, пола или иного статуса?",
                    "en": "Are detainees treated without discrimination on grounds of "
                    "ethnicity, language, religion, sex or any other status?",
                },
            ),
            (
                "DIG-4",
                "choice",
                "Mandela Rules 1, 40(1)",
                {
                    "kk": "Ұсталғандар арасында бейресми иерархия («касталық» жүйе) бар ма, "
                    "әлде кейбір ұсталғандар басқаларына тәртіп орнату үшін пайдаланыла ма?",
                    "ru": "Существует ли неформальная иерархия среди содержащихся («кастовая» "
                    "система) или используются ли одни содержащиеся для поддержания порядка "
                    "над другими?",
                    "en": "Is there an informal hierarchy among detainees (a caste system), or "
                    "are some detainees used to keep order over others?",
                },
            ),
        ],
    ),
    (
        "vulnerable",
        {"kk": "Осал топтар", "ru": "Уязвимые группы", "en": "Vulnerable groups"},
        [
            (
                "VUL-1",
                "choice",
                "Mandela Rules 11",
                {
                    "kk": "Әйелдер ерлерден, кәмелетке толмағандар ересектерден, "
                    "тергеудегілер сотталғандардан бөлек ұстала ма?",
                    "ru": "Содержатся ли женщины отдельно от мужчин, несовершеннолетние — "
                    "от взрослых, подследственные — от осуждённых?",
                    "en": "Are women held apart from men, juveniles from adults, and untried "
                    "from convicted detainees?",
                },
            ),
            (
                "VUL-2",
                "choice",
                "Mandela Rules 2(2), 5(2)",
                {
                    "kk": "Дене, психикалық немесе өзге де мүгедектігі бар ұсталғандар үшін "
                    "ақылға қонымды бейімдеу қамтамасыз етілген бе (қолжетімділік, көмек, "
                    "бейімделген үй-жайлар)?",
                    "ru": "Обеспечено ли разумное приспособление для содержащихся с "
                    "физической, психической или иной инвалидностью (доступность, помощь, "
                    "приспособленные помещения)?",
                    "en": "Are reasonable accommodations made for detainees with physical, "
                    "mental or other disabilities (access, assistance, adapted premises)?",
                },
            ),
            (
                "VUL-3",
                "choice",
                "Mandela Rules 28, 29; Bangkok Rules 5, 48",
                {
                    "kk": "Жүкті әйелдер, бала емізетін аналар және анасымен бірге тұратын "
                    "балалар қажетті күтім, тамақ пен жағдай алады ма?",
                    "ru": "Получают ли беременные, кормящие матери и дети, живущие с "
                    "матерями, необходимые уход, питание и условия?",
                    "en": "Do pregnant women, nursing mothers and children living with their "
                    "mothers receive the care, food and conditions they need?",
                },
            ),
            (
                "VUL-4",
                "number",
                "Mandela Rules 2(2)",
                {
                    "kk": "Бару кезінде ерекше тәуекел топтарына жататын (шетел азаматтары, "
                    "ЛГБТИ адамдар, мүгедектігі бар адамдар, егде жастағылар) қанша ұсталған "
                    "бар?",
                    "ru": "Сколько содержащихся на момент посещения относятся к группам "
                    "особого риска (иностранцы, ЛГБТИ, лица с инвалидностью, пожилые)?",
                    "en": "How many detainees at the time of the visit belong to groups at "
                    "particular risk (foreign nationals, LGBTI persons, persons with "
                    "disabilities, older persons)?",
                },
            ),
        ],
    ),
    (
        "health",
        {"kk": "Медициналық көмек", "ru": "Медицинская помощь", "en": "Health care"},
        [
            (
                "HEA-1",
                "choice",
                "Mandela Rules 30, 34",
                {
                    "kk": "Әрбір келіп түскен адамды келген бойда дәрігер немесе басқа білікті "
                    "медицина қызметкері, оның ішінде қатыгез қарым-қатынас белгілеріне "
                    "қатысты, дереу тексере ме?",
                    "ru": "Осматривается ли каждый поступивший врачом или иным "
                    "квалифицированным медицинским работником незамедлительно при "
                    "поступлении, в том числе на предмет признаков жестокого обращения?",
                    "en": "Is every detainee examined promptly on admission by a doctor or "
                    "other qualified health-care professional, including for signs of "
                    "ill-treatment?",
                },
            ),
            (
                "HEA-2",
                "choice",
                "Mandela Rules 34",
                {
                    "kk": "Дене жарақаттары құжатталып, қатыгез қарым-қатынасты көрсетсе, "
                    "құзыретті органға кідіріссіз хабарлана ма?",
                    "ru": "Документируются ли телесные повреждения и сообщается ли о них без "
                    "промедления компетентному органу, если они указывают на жестокое "
                    "обращение?",
                    "en": "Are injuries documented and, where they indicate ill-treatment, "
                    "reported to the competent authority without delay?",
                },
            ),
            (
                "HEA-3",
                "choice",
                "Mandela Rules 26, 32(1)",
                {
                    "kk": "Медициналық тексерулер қызметкерлер естімейтін (дәрігер өзгеше "
                    "сұрамаса, көрмейтін) жерде өткізіле ме және медициналық жазбалар құпия "
                    "сақтала ма?",
                    "ru": "Проводятся ли медицинские осмотры вне пределов слышимости (и, "
                    "если врач не просит иного, видимости) персонала, и конфиденциальны ли "
                    "медицинские записи?",
                    "en": "Are medical examinations held out of the hearing (and, unless the "
                    "doctor asks otherwise, out of the sight) of staff, and are medical "
                    "records kept confidential?",
                },
            ),
            (
                "HEA-4",
                "choice",
                "Mandela Rules 24, 27, 31",
                {
                    "kk": "Ұсталғандар өтініші бойынша дәрігерге қарала ала ма және шұғыл әрі "
                    "мамандандырылған көмек кідіріссіз көрсетіле ме?",
                    "ru": "Могут ли содержащиеся попасть к врачу по своей просьбе, и "
                    "оказывается ли неотложная и специализированная помощь без промедления?",
                    "en": "Can detainees see a doctor when they ask, and are urgent and "
                    "specialist care provided without delay?",
                },
            ),
            (
                "HEA-5",
                "number",
                "Mandela Rules 25",
                {
                    "kk": "Бару кезінде қанша медицина қызметкері (дәрігер, мейіргер, "
                    "психолог) жұмыс істейді?",
                    "ru": "Сколько медицинских работников (врачей, медсестёр, психологов) "
                    "работает на момент посещения?",
                    "en": "How many health-care staff (doctors, nurses, psychologists) work "
                    "at the place at the time of the visit?",
                },
            ),
        ],
    ),
    (
        "restrictions",
        {
            "kk": "Шектеулер, тінту және бұғаулау құралдары",
            "ru": "Ограничения, обыски и средства усмирения",
            "en": "Restrictions, searches and instruments of restraint",
        },
        [
            (
                "RES-1",
                "choice",
                "Mandela Rules 43(2), 47, 48",
                {
                    "kk": "Бұғаулау құралдары тек заңда көзделген және аса қажет жағдайларда "
                    "ғана, ешқашан жаза ретінде емес қолданыла ма және мүмкіндігінше тез "
                    "алына ма?",
                    "ru": "Применяются ли средства усмирения только в случаях, "
                    "предусмотренных законом и крайне необходимых, никогда в качестве "
                    "наказания, и снимаются ли они как можно скорее?",
                    "en": "Are instruments of restraint used only where the law allows and "
                    "strictly necessary, never as punishment, and removed as soon as "
                    "possible?",
                },
            ),
            (
                "RES-2",
                "choice",
                "Mandela Rules 50, 51, 52",
                {
                    "kk": "Тінтулер қадір-қасиет пен жеке өмірді құрметтей жүргізіліп, "
                    "тіркеле ме, ал шешіндіріп тексеру оңаша, сол жыныстағы даярланған "
                    "қызметкермен жүргізіле ме?",
                    "ru": "Проводятся ли обыски с уважением достоинства и частной жизни, "
                    "фиксируются ли они, а досмотры с раздеванием — наедине, обученным "
                    "персоналом того же пола?",
                    "en": "Are searches carried out with respect for dignity and privacy and "
                    "recorded, and are strip searches done in private by trained staff of "
                    "the same sex?",
                },
            ),
            (
                "RES-3",
                "choice",
                "Mandela Rules 82",
                {
                    "kk": "Күш тек соңғы шара ретінде және мөлшерлес қолданыла ма, әр жағдай "
                    "тіркеліп, медициналық тексеру жүргізіліп, баяндала ма?",
                    "ru": "Применяется ли сила только как крайняя мера и соразмерно, и "
                    "каждый случай фиксируется, сопровождается медицинским осмотром и "
                    "докладом?",
                    "en": "Is force used only as a last resort and in proportion, and is each "
                    "use recorded, followed by a medical examination and reported?",
                },
            ),
            (
                "RES-4",
                "photo",
                "Mandela Rules 47, 48",
                {
                    "kk": "Мекемеде сақталатын бұғаулау құралдары мен арнайы құралдарды "
                    "суретке түсіріңіз (адамдарсыз).",
                    "ru": "Сфотографируйте средства усмирения и специальные средства, "
                    "хранящиеся в учреждении (без людей).",
                    "en": "Photograph the instruments of restraint and special means kept at "
                    "the place (without people).",
                },
            ),
        ],
    ),
    (
        "discipline",
        {
            "kk": "Тәртіп, жазалар және жалғыз камерада ұстау",
            "ru": "Дисциплина, взыскания и одиночное заключение",
            "en": "Discipline, sanctions and solitary confinement",
        },
        [
            (
                "DIS-1",
                "choice",
                "Mandela Rules 37, 39, 41",
                {
                    "kk": "Тәртіптік жазалар тек заңда көзделген бұзушылықтар үшін, ұсталған "
                    "адам өзін қорғай алатын (қажет болса, аудармашымен және заң көмегімен) "
                    "қараудан кейін ғана қолданыла ма?",
                    "ru": "Назначаются ли дисциплинарные взыскания только за нарушения, "
                    "предусмотренные законом, после рассмотрения, на котором содержащийся "
                    "может защищаться (при необходимости — с переводчиком и юридической "
                    "помощью)?",
                    "en": "Are disciplinary sanctions imposed only for offences defined by "
                    "law, after a hearing at which the detainee can defend themselves (with "
                    "an interpreter and legal assistance where needed)?",
                },
            ),
            (
                "DIS-2",
                "number",
                "Mandela Rules 44",
                {
                    "kk": "Бару кезінде қанша адам жалғыз камерада ұсталады (тәулігіне 22 "
                    "сағат және одан көп мағыналы адами қарым-қатынассыз)?",
                    "ru": "Сколько человек на момент посещения содержатся в одиночном "
                    "заключении (22 часа в сутки и более без значимого человеческого "
                    "общения)?",
                    "en": "How many people are held in solitary confinement at the time of "
                    "the visit (22 hours or more a day without meaningful human contact)?",
                },
            ),
            (
                "DIS-3",
                "choice",
                "Mandela Rules 43(1)(b), 44",
                {
                    "kk": "Біреу жалғыз камерада қатарынан 15 күннен артық ұсталды ма (ұзақ "
                    "жалғыз камерада ұстау, тыйым салынған)?",
                    "ru": "Содержался ли кто-либо в одиночном заключении более 15 дней "
                    "подряд (длительное одиночное заключение, запрещено)?",
                    "en": "Has anyone been held in solitary confinement for more than 15 "
                    "consecutive days (prolonged solitary confinement, which is prohibited)?",
                },
            ),
            (
                "DIS-4",
                "choice",
                "Mandela Rules 43(1), 43(3)",
                {
                    "kk": "Тыйым салынған жазалар болдырылмай ма: қараңғы немесе үнемі жарық "
                    "камера, тамақ не су мөлшерін азайту, ұжымдық жаза, отбасымен "
                    "байланысқа тыйым салу?",
                    "ru": "Исключены ли запрещённые взыскания: тёмная или постоянно "
                    "освещённая камера, сокращение питания или воды, коллективное "
                    "наказание, запрет контактов с семьёй?",
                    "en": "Are prohibited sanctions avoided: dark or constantly lit cells, "
                    "reduced food or water, collective punishment, a ban on family contact?",
                },
            ),
            (
                "DIS-5",
                "choice",
                "Mandela Rules 45(2), 46; Bangkok Rules 22",
                {
                    "kk": "Психикалық немесе дене кемістігі бар адамдар, жүкті әйелдер мен "
                    "балалар жалғыз камерада ұсталмай ма және медицина қызметкерлері "
                    "ондағыларға күн сайын бара ма?",
                    "ru": "Исключено ли одиночное заключение для лиц с психическими или "
                    "физическими нарушениями, беременных и детей, и посещает ли медицинский "
                    "персонал находящихся в нём ежедневно?",
                    "en": "Are people with mental or physical disabilities, pregnant women "
                    "and children kept out of solitary confinement, and do health-care staff "
                    "visit those in it every day?",
                },
            ),
            (
                "DIS-6",
                "photo",
                "Mandela Rules 42, 43",
                {
                    "kk": "Тәртіптік камераларды (төсек-орын, терезе, жарық, дәретхана) "
                    "адамдарсыз суретке түсіріңіз.",
                    "ru": "Сфотографируйте дисциплинарные камеры (спальное место, окно, "
                    "освещение, туалет) без людей.",
                    "en": "Photograph the disciplinary cells (bed, window, lighting, toilet), "
                    "without people.",
                },
            ),
        ],
    ),
    (
        "investigation",
        {
            "kk": "Өлім мен азаптау жағдайларын тергеу",
            "ru": "Расследование смертей и пыток",
            "en": "Investigation of deaths and torture",
        },
        [
            (
                "INV-1",
                "choice",
                "Mandela Rules 71(1)",
                {
                    "kk": "Қамаудағы өлім, із-түзсіз жоғалу және ауыр жарақат туралы оларды "
                    "тергейтін тәуелсіз органға дереу хабарлана ма?",
                    "ru": "Сообщается ли незамедлительно о смертях, исчезновениях и "
                    "серьёзных травмах под стражей независимому органу, который их "
                    "расследует?",
                    "en": "Are deaths, disappearances and serious injuries in custody "
                    "reported at once to an independent authority that investigates them?",
                },
            ),
            (
                "INV-2",
                "choice",
                "Mandela Rules 57(3), 71(2)",
                {
                    "kk": "Азаптау немесе қатыгез қарым-қатынас туралы арыздар, ресми шағым "
                    "болмаса да, жедел әрі бейтарап тергеу үшін тәуелсіз органға беріле ме?",
                    "ru": "Передаются ли заявления о пытках или жестоком обращении "
                    "независимому органу для незамедлительного и беспристрастного "
                    "расследования, даже без официальной жалобы?",
                    "en": "Are allegations of torture or ill-treatment passed to an "
                    "independent authority for prompt and impartial investigation, even "
                    "without a formal complaint?",
                },
            ),
            (
                "INV-3",
                "number",
                "Mandela Rules 71",
                {
                    "kk": "Соңғы 12 айда қамауда қанша өлім тіркелген?",
                    "ru": "Сколько смертей под стражей зарегистрировано за последние 12 месяцев?",
                    "en": "How many deaths in custody were recorded in the last 12 months?",
                },
            ),
            (
                "INV-4",
                "choice",
                "Mandela Rules 69, 72",
                {
                    "kk": "Туыстарына өлім немесе ауыр жарақат туралы дереу хабарлана ма, "
                    "мәйітке құрметпен қарап, туыстарына беріле ме?",
                    "ru": "Незамедлительно ли уведомляются родственники о смерти или "
                    "тяжёлой травме, обращаются ли с телом уважительно и передаётся ли оно "
                    "родственникам?",
                    "en": "Are relatives told at once of a death or serious injury, and is the "
                    "body treated with respect and returned to them?",
                },
            ),
        ],
    ),
    (
        "legal",
        {
            "kk": "Заң көмегі және кепілдіктер",
            "ru": "Юридическая помощь и гарантии",
            "en": "Legal representation and safeguards",
        },
        [
            (
                "LEG-1",
                "choice",
                "Mandela Rules 7",
                {
                    "kk": "Әрбір адам бостандығынан іс жүзінде айырылған сәттен бастап, "
                    "уақыты, негіздері мен органы көрсетіліп тіркеле ме?",
                    "ru": "Регистрируется ли каждый с момента фактического лишения свободы, "
                    "с указанием времени, оснований и органа?",
                    "en": "Is every detainee registered from the moment they are deprived of "
                    "liberty, with the time, the grounds and the authority recorded?",
                },
            ),
            (
                "LEG-2",
                "choice",
                "Mandela Rules 61, 119(2), 120",
                {
                    "kk": "Ұсталғандар адвокатпен кідіріссіз және құпия кездесе ала ма және "
                    "төлей алмаса, заң көмегін тегін ала ма?",
                    "ru": "Могут ли содержащиеся без промедления и конфиденциально "
                    "встречаться с адвокатом и получать юридическую помощь бесплатно, если "
                    "не могут её оплатить?",
                    "en": "Can detainees meet their lawyer without delay and in private, and "
                    "get free legal aid when they cannot pay?",
                },
            ),
            (
                "LEG-3",
                "choice",
                "Mandela Rules 54, 55",
                {
                    "kk": "Ұсталғандар келіп түскенде өздеріне түсінікті тілде құқықтары, "
                    "ережелер мен шағымдану тәртібі туралы жазбаша ақпарат ала ма?",
                    "ru": "Получают ли содержащиеся при поступлении письменную информацию на "
                    "понятном им языке о своих правах, правилах и порядке обжалования?",
                    "en": "Are detainees told in writing on admission, in a language they "
                    "understand, of their rights, the rules and how to complain?",
                },
            ),
            (
                "LEG-4",
                "choice",
                "Mandela Rules 62, 68",
                {
                    "kk": "Туыстарына (ал шетел азаматтары жағдайында консулдарға) ұстау және "
                    "әрбір ауыстыру туралы хабарлана ма?",
                    "ru": "Уведомляются ли родственники (а в отношении иностранцев — "
                    "консулы) о задержании и о каждом переводе?",
                    "en": "Are relatives (and consuls, for foreign nationals) informed of the "
                    "detention and of every transfer?",
                },
            ),
        ],
    ),
    (
        "complaints",
        {
            "kk": "Шағымдар және тексеру",
            "ru": "Жалобы и инспектирование",
            "en": "Complaints and inspection",
        },
        [
            (
                "CMP-1",
                "choice",
                "Mandela Rules 56",
                {
                    "kk": "Ұсталғандар бастыққа, прокурорға, Адам құқықтары жөніндегі "
                    "уәкілге және басқа да сыртқы органдарға құпия шағым бере ала ма?",
                    "ru": "Могут ли содержащиеся конфиденциально подавать жалобы начальнику, "
                    "прокурору, Уполномоченному по правам человека и в другие внешние "
                    "органы?",
                    "en": "Can detainees complain in confidence to the director, the "
                    "prosecutor, the Commissioner for Human Rights and other outside bodies?",
                },
            ),
            (
                "CMP-2",
                "choice",
                "Mandela Rules 57(2)",
                {
                    "kk": "Ұсталғандар шағым бергені немесе бару тобымен сөйлескені үшін "
                    "қудалаудан, қорқытудан немесе басқа теріс салдардан қорғалған ба?",
                    "ru": "Защищены ли содержащиеся от преследования, запугивания или иных "
                    "негативных последствий за жалобы или беседы с группой посещения?",
                    "en": "Are detainees protected from reprisals, intimidation or other harm "
                    "for complaining or for speaking to the visiting team?",
                },
            ),
            (
                "CMP-3",
                "number",
                "Mandela Rules 56, 57",
                {
                    "kk": "Соңғы 3 айда қанша шағым тіркелген? (Шағымның мүлдем болмауының "
                    "өзі дабыл белгісі.)",
                    "ru": "Сколько жалоб зарегистрировано за последние 3 месяца? (Полное "
                    "отсутствие жалоб само по себе тревожный признак.)",
                    "en": "How many complaints were registered in the last 3 months? (None at "
                    "all is itself a warning sign.)",
                },
            ),
            (
                "CMP-4",
                "choice",
                "Mandela Rules 83, 84",
                {
                    "kk": "Мекемені тәуелсіз органдар тұрақты тексере ме және топ барлық "
                    "үй-жайларға, құжаттарға және ұсталғандарға кедергісіз кіре алды ма?",
                    "ru": "Проверяется ли учреждение регулярно независимыми органами, и "
                    "имела ли группа беспрепятственный доступ ко всем помещениям, документам "
                    "и содержащимся?",
                    "en": "Is the place inspected regularly by independent bodies, and did "
                    "the team have unhindered access to all premises, records and detainees?",
                },
            ),
            (
                "CMP-5",
                "photo",
                "Mandela Rules 54, 56",
                {
                    "kk": "Шағым жәшіктерін және ұсталғандарға арналған ақпаратты суретке "
                    "түсіріңіз.",
                    "ru": "Сфотографируйте ящики для жалоб и информацию, размещённую для "
                    "содержащихся.",
                    "en": "Photograph the complaint boxes and the information posted for "
                    "detainees.",
                },
            ),
        ],
    ),
    (
        "staff",
        {"kk": "Персонал", "ru": "Персонал", "en": "Staff"},
        [
            (
                "STA-1",
                "number",
                "Mandela Rules 74",
                {
                    "kk": "Бару кезінде ұсталғандар санына шаққанда қанша қызметкер "
                    "кезекшілікте (күндіз және түнде)?",
                    "ru": "Сколько сотрудников несёт службу на момент посещения (днём и "
                    "ночью) по отношению к числу содержащихся?",
                    "en": "How many staff are on duty for the number of detainees at the time "
                    "of the visit (day and night)?",
                },
            ),
            (
                "STA-2",
                "choice",
                "Mandela Rules 75, 76",
                {
                    "kk": "Қызметкерлер адам құқықтарына, азаптауға тыйым салуға, күш пен "
                    "бұғаулау құралдарын қолдануға, алғашқы көмекке оқытылған ба?",
                    "ru": "Обучен ли персонал правам человека, запрету пыток, применению "
                    "силы и средств усмирения, первой помощи?",
                    "en": "Are staff trained in human rights, the prohibition of torture, the "
                    "use of force and restraint, and first aid?",
                },
            ),
            (
                "STA-3",
                "choice",
                "Mandela Rules 81",
                {
                    "kk": "Әйел ұсталғандарды тек әйел қызметкерлер қадағалап, тексере ме?",
                    "ru": "Осуществляют ли надзор за женщинами и их досмотр только "
                    "сотрудницы-женщины?",
                    "en": "Are women detainees supervised and searched only by women staff?",
                },
            ),
            (
                "STA-4",
                "choice",
                "Mandela Rules 74(3)",
                {
                    "kk": "Қызметкерлердің еңбек жағдайлары (кесте, жалақы, штат толықтығы) "
                    "жеткілікті ме, созылмалы кадр тапшылығы немесе күйіп қалу белгілері жоқ "
                    "па?",
                    "ru": "Достаточны ли условия труда персонала (график, оплата, "
                    "укомплектованность), без признаков хронической нехватки кадров или "
                    "выгорания?",
                    "en": "Are the staff's working conditions adequate (hours, pay, staffing), "
                    "without signs of chronic understaffing or burnout?",
                },
            ),
        ],
    ),
    (
        "material",
        {
            "kk": "Материалдық жағдайлар",
            "ru": "Материально-бытовые условия",
            "en": "Material conditions",
        },
        [
            (
                "MAT-1",
                "number",
                "Mandela Rules 12, 13",
                {
                    "kk": "Бару кезіндегі толымдылық: қанша адам ұсталып отыр (белгіленген "
                    "лимитке қатысты)?",
                    "ru": "Наполняемость на момент посещения: сколько человек содержится "
                    "(при установленном лимите)?",
                    "en": "Occupancy at the time of the visit: how many people are held "
                    "(against the capacity)?",
                },
            ),
            (
                "MAT-2",
                "choice",
                "Mandela Rules 13, 14",
                {
                    "kk": "Камераларда жеткілікті аудан, табиғи жарық, таза ауа, жылу және "
                    "оқуға болатын жасанды жарық бар ма?",
                    "ru": "Достаточно ли в камерах площади, естественного освещения, свежего "
                    "воздуха, отопления и искусственного света для чтения?",
                    "en": "Do cells have enough floor space, natural light, fresh air, "
                    "heating and artificial light to read by?",
                },
            ),
            (
                "MAT-3",
                "choice",
                "Mandela Rules 15, 16, 18",
                {
                    "kk": "Дәретханалар таза, оңашалық үшін қоршалған және кез келген "
                    "уақытта қолжетімді ме; ұсталғандар қажетінше (аптасына кемінде бір рет) "
                    "жуына ала ма?",
                    "ru": "Чисты ли туалеты, отгорожены ли для приватности и доступны ли в "
                    "любое время; могут ли содержащиеся мыться так часто, как нужно (не реже "
                    "раза в неделю)?",
                    "en": "Are toilets clean, screened for privacy and accessible at all "
                    "times, and can detainees wash as often as needed (at least once a "
                    "week)?",
                },
            ),
            (
                "MAT-4",
                "choice",
                "Mandela Rules 22",
                {
                    "kk": "Ұсталғандар әдеттегі уақытта денсаулыққа жеткілікті құнды тамақ "
                    "ала ма және ауыз суға кез келген уақытта қол жеткізе ала ма?",
                    "ru": "Получают ли содержащиеся в обычные часы питание, достаточное для "
                    "поддержания здоровья, и есть ли доступ к питьевой воде в любое время?",
                    "en": "Is food of a nutritional value adequate for health served at the "
                    "usual hours, and is drinking water available whenever needed?",
                },
            ),
            (
                "MAT-5",
                "choice",
                "Mandela Rules 19, 21",
                {
                    "kk": "Әркімнің жеке төсек-орны, таза әрі жеткілікті төсек жабдықтары "
                    "және лайықты киімі бар ма?",
                    "ru": "Есть ли у каждого отдельное спальное место с чистыми и "
                    "достаточными постельными принадлежностями и надлежащая одежда?",
                    "en": "Does everyone have their own bed with clean, sufficient bedding, "
                    "and adequate clothing?",
                },
            ),
            (
                "MAT-6",
                "photo",
                "Mandela Rules 13, 14, 15, 16, 17",
                {
                    "kk": "Әдеттегі камераларды, санитариялық үй-жайларды және асүйді "
                    "адамдарсыз суретке түсіріңіз.",
                    "ru": "Сфотографируйте типичные камеры, санитарные помещения и кухню без "
                    "людей.",
                    "en": "Photograph typical cells, the sanitary facilities and the kitchen, "
                    "without people.",
                },
            ),
        ],
    ),
    (
        "contact",
        {
            "kk": "Сыртқы әлеммен байланыс",
            "ru": "Связь с внешним миром",
            "en": "Contact with the outside world",
        },
        [
            (
                "CON-1",
                "choice",
                "Mandela Rules 58(1)",
                {
                    "kk": "Ұсталғандар туыстарымен және достарымен жеке өмірді құрметтейтін "
                    "жағдайда тұрақты кездесе ала ма?",
                    "ru": "Могут ли содержащиеся регулярно получать свидания с "
                    "родственниками и друзьями в условиях, уважающих частную жизнь?",
                    "en": "Can detainees receive visits from family and friends regularly, in "
                    "conditions that respect their privacy?",
                },
            ),
            (
                "CON-2",
                "choice",
                "Mandela Rules 43(3), 58(1)",
                {
                    "kk": "Ұсталғандар хат жазысып, телефонмен сөйлесе ала ма және шектеулер "
                    "заңды әрі мөлшерлес пе?",
                    "ru": "Могут ли содержащиеся переписываться и звонить по телефону, и "
                    "законны ли и соразмерны ли ограничения?",
                    "en": "Can detainees write and receive letters and make telephone calls, "
                    "and are any restrictions lawful and proportionate?",
                },
            ),
            (
                "CON-3",
                "choice",
                "Mandela Rules 59",
                {
                    "kk": "Адамдар мүмкіндігінше үйіне немесе әлеуметтік оңалту орнына жақын "
                    "жерде ұстала ма?",
                    "ru": "Содержатся ли люди, насколько это возможно, вблизи от дома или "
                    "места социальной реабилитации?",
                    "en": "Are people held, as far as possible, close to their homes or "
                    "places of social rehabilitation?",
                },
            ),
            (
                "CON-4",
                "choice",
                "Mandela Rules 63, 64",
                {
                    "kk": "Ұсталғандардың жаңалықтарға, кітапханаға және өздері оқитын "
                    "тілдердегі кітаптарға қолжетімділігі бар ма?",
                    "ru": "Есть ли у содержащихся доступ к новостям, библиотеке и книгам на "
                    "языках, которые они читают?",
                    "en": "Do detainees have access to the news, a library and books in the "
                    "languages they read?",
                },
            ),
        ],
    ),
    (
        "activities",
        {
            "kk": "Еңбек, білім беру және бос уақыт",
            "ru": "Труд, образование и досуг",
            "en": "Work, education and activities",
        },
        [
            (
                "ACT-1",
                "choice",
                "Mandela Rules 23",
                {
                    "kk": "Әркімнің күн сайын таза ауада кемінде бір сағат лайықты дене "
                    "жаттығуы бар ма?",
                    "ru": "Имеет ли каждый не менее одного часа подходящих физических "
                    "упражнений на свежем воздухе ежедневно?",
                    "en": "Does everyone have at least one hour of suitable exercise in the "
                    "open air every day?",
                },
            ),
            (
                "ACT-2",
                "choice",
                "Mandela Rules 97, 101, 102, 103",
                {
                    "kk": "Сотталғандарға ұсынылатын жұмыс қауіпсіз, қорламайтын, ұзақтығы "
                    "шектеулі және әділ төленетін бе?",
                    "ru": "Является ли предлагаемая осуждённым работа безопасной, "
                    "неунизительной, с ограниченной продолжительностью и справедливо "
                    "оплачиваемой?",
                    "en": "Is the work offered to convicted detainees safe, not degrading, "
                    "limited in hours and fairly paid?",
                },
            ),
            (
                "ACT-3",
                "choice",
                "Mandela Rules 104",
                {
                    "kk": "Білім алу мүмкіндігі бар ма, сауатсыздар мен жастар үшін міндетті "
                    "ме және мемлекеттік білім беру жүйесімен танылады ма?",
                    "ru": "Доступно ли образование, обязательно ли оно для неграмотных и "
                    "молодых и признаётся ли государственной системой образования?",
                    "en": "Is education available, compulsory for illiterate and young "
                    "detainees, and recognised by the national education system?",
                },
            ),
            (
                "ACT-4",
                "number",
                "Mandela Rules 4, 105",
                {
                    "kk": "Ұсталғандар күніне неше сағатты камерадан тыс мағыналы іспен "
                    "(жұмыс, оқу, спорт, бос уақыт) өткізеді?",
                    "ru": "Сколько часов в день содержащиеся проводят вне камер, занимаясь "
                    "осмысленной деятельностью (работа, учёба, спорт, досуг)?",
                    "en": "How many hours a day do detainees spend outside their cells in "
                    "purposeful activity (work, education, sport, leisure)?",
                },
            ),
            (
                "ACT-5",
                "text",
                "Mandela Rules 65, 66",
                {
                    "kk": "Ұсталғандар өз дінін ұстана алып, оның өкілімен кездесе ала ма? "
                    "Сипаттаңыз.",
                    "ru": "Могут ли содержащиеся исповедовать свою религию и встречаться с "
                    "её представителем? Опишите.",
                    "en": "Can detainees practise their religion and meet a representative of "
                    "it? Describe.",
                },
            ),
        ],
    ),
]


def install(template_model, section_model, question_model, *, published_at=None):
    """Create the default template (version 1, published) unless it exists; return it."""
    existing = template_model.objects.filter(code=CODE, version=1).first()
    if existing is not None:
        return existing
    template = template_model.objects.create(
        code=CODE,
        version=1,
        title_kk=TITLE["kk"],
        title_ru=TITLE["ru"],
        title_en=TITLE["en"],
        status="published",
        published_at=published_at,
    )
    for s_order, (theme, title, questions) in enumerate(SECTIONS, start=1):
        section = section_model.objects.create(
            template=template,
            order=s_order,
            theme=theme,
            title_kk=title["kk"],
            title_ru=title["ru"],
            title_en=title["en"],
        )
        question_model.objects.bulk_create(
            question_model(
                section=section,
                order=q_order,
                code=code,
                text_kk=text["kk"],
                text_ru=text["ru"],
                text_en=text["en"],
                answer_type=answer_type,
                standards=standards,
            )
            for q_order, (code, answer_type, standards, text) in enumerate(questions, start=1)
        )
    return template
