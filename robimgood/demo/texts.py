"""Texts of the demo initiatives, in Belarusian, Russian and English.

They are illustrative: typical neighbourhood projects, not real ones. A subject is
(category, kinds of place it fits, {language: (title, summary, body, steps)}); "{where}"
is filled with a place phrase from places.py.
"""

SUBJECTS = [
    # --- green ---
    ("green", "yard", {
        "be": ("Суседскі агарод {where}",
               "Робім грады і кветнікі {where}: памідоры, зеляніна і кветкі для ўсяго двара. "
               "Шукаем суседзяў, якія хочуць садзіць і даглядаць разам.",
               "Замест пустога газона — некалькі высокіх градаў, лаўка і бочка для дажджавой "
               "вады. Агарод агульны: хто дапамагае, той і частуецца ўраджаем.",
               ("Узгадняем месца з ЖЭС і суседзямі", "Збіраем грады з дошак і засыпаем зямлю",
                "Складаем графік паліву на лета")),
        "ru": ("Соседский огород {where}",
               "Делаем грядки и клумбы {where}: помидоры, зелень и цветы для всего двора. "
               "Ищем соседей, которые хотят сажать и ухаживать вместе.",
               "Вместо пустого газона — несколько высоких грядок, скамейка и бочка для дождевой "
               "воды. Огород общий: кто помогает, тот и угощается урожаем.",
               ("Согласовываем место с ЖЭСом и соседями",
                "Собираем грядки из досок и засыпаем землю", "Составляем график полива на лето")),
        "en": ("Neighbourhood garden {where}",
               "Raised beds and flower borders {where}: tomatoes, herbs and flowers for the whole "
               "yard. Looking for neighbours who want to plant and look after it together.",
               "Instead of an empty lawn: a few raised beds, a bench and a rain barrel. The garden "
               "is shared, and whoever helps gets a share of the harvest.",
               ("Agree on the spot with the housing office and neighbours",
                "Build the beds from boards and fill them with soil",
                "Draw up a summer watering rota")),
    }),
    ("green", "street park", {
        "be": ("Высаджваем ліпы {where}",
               "Вясной высаджваем дзесяць маладых ліп {where}, каб праз некалькі гадоў тут былі "
               "цень і менш пылу. Патрэбныя рукі, рыдлёўкі і людзі, гатовыя паліваць першае лета.",
               "Старыя дрэвы тут спілавалі некалькі гадоў таму, а новыя так і не пасадзілі. Мы "
               "выбралі ліпы: яны добра пераносяць горад і пахнуць у чэрвені.",
               ("Узгадняем месцы пасадкі з зеленбудам", "Купляем саджанцы ў гадавальніку",
                "Садзім, мульчуем і ставім апоры")),
        "ru": ("Сажаем липы {where}",
               "Весной высаживаем десять молодых лип {where}, чтобы через несколько лет здесь "
               "были тень и меньше пыли. Нужны руки, лопаты и люди, готовые поливать первое лето.",
               "Старые деревья здесь спилили несколько лет назад, а новые так и не посадили. Мы "
               "выбрали липы: они хорошо переносят город и пахнут в июне.",
               ("Согласовываем места посадки с зеленстроем", "Покупаем саженцы в питомнике",
                "Сажаем, мульчируем и ставим опоры")),
        "en": ("Planting lindens {where}",
               "This spring we plant ten young linden trees {where}, so that in a few years there "
               "is shade and less dust. We need hands, spades and people to water them through "
               "the first summer.",
               "The old trees here were cut down a few years ago and never replaced. We chose "
               "lindens: they cope well with city life and smell wonderful in June.",
               ("Agree the planting spots with the city greenery service",
                "Buy saplings from a nursery", "Plant, mulch and stake the trees")),
    }),
    ("green", "yard street", {
        "be": ("Кішэнны сквер {where}",
               "Ператвараем закінуты пустыр {where} у маленькі сквер: кусты, пара лавак, сцежка "
               "і ліхтар. Эскіз ужо ёсць, шукаем тых, хто дапаможа яго ўзгадніць і зрабіць.",
               "Гэты кавалак зямлі даўно зарастае пустазеллем. Маленькі сквер на некалькі соцень "
               "квадратных метраў — месца, каб пасядзець, пачакаць дзіця са школы ці выгуляць "
               "сабаку.",
               ("Здымаем план участка і пытаем суседзяў, што ім трэба",
                "Узгадняем праект у адміністрацыі раёна",
                "Талака: расчышчаем, садзім, ставім лаўкі")),
        "ru": ("Карманный сквер {where}",
               "Превращаем заброшенный пустырь {where} в маленький сквер: кусты, пара скамеек, "
               "дорожка и фонарь. Эскиз уже есть, ищем тех, кто поможет его согласовать и сделать.",
               "Этот кусок земли давно зарастает сорняками. Маленький сквер на несколько сотен "
               "квадратных метров — место, чтобы посидеть, подождать ребёнка из школы или "
               "выгулять собаку.",
               ("Снимаем план участка и спрашиваем соседей, что им нужно",
                "Согласовываем проект в администрации района",
                "Субботник: расчищаем, сажаем, ставим скамейки")),
        "en": ("A pocket park {where}",
               "Turning a neglected patch of land {where} into a small park: shrubs, a couple of "
               "benches, a path and a lamp. The sketch is ready; we need people to help get it "
               "approved and built.",
               "This plot has been overgrown with weeds for years. A small park of a few hundred "
               "square metres is a place to sit, wait for a child after school or walk the dog.",
               ("Survey the plot and ask neighbours what they need",
                "Get the design approved by the district administration",
                "Work day: clear, plant, install benches")),
    }),
    ("green", "park yard", {
        "be": ("Квітнеючы луг замест газона {where}",
               "Прапануем касіць радзей і засеяць частку газона лугавымі кветкамі {where}. Менш "
               "шуму ад касілак, больш пчол і матылькоў, а гарадская служба эканоміць на касьбе.",
               "Лугавыя травы не патрабуюць частай касьбы, лепш трымаюць вільгаць і кормяць "
               "апыляльнікаў. Пачнём з пробнага ўчастка і таблічкі, якая тлумачыць, чаму тут "
               "высокая трава.",
               ("Выбіраем пробны ўчастак разам з камунальнікамі",
                "Сеем сумесь мясцовых лугавых кветак", "Ставім інфармацыйную таблічку")),
        "ru": ("Цветущий луг вместо газона {where}",
               "Предлагаем косить реже и засеять часть газона луговыми цветами {where}. Меньше "
               "шума от косилок, больше пчёл и бабочек, а городская служба экономит на покосе.",
               "Луговые травы не требуют частого покоса, лучше держат влагу и кормят опылителей. "
               "Начнём с пробного участка и таблички, которая объясняет, почему здесь высокая "
               "трава.",
               ("Выбираем пробный участок вместе с коммунальщиками",
                "Сеем смесь местных луговых цветов", "Ставим информационную табличку")),
        "en": ("A wildflower meadow instead of a lawn {where}",
               "We propose mowing less often and sowing part of the lawn {where} with meadow "
               "flowers. Less mower noise, more bees and butterflies, and the city saves on mowing.",
               "A meadow needs little mowing, holds moisture better and feeds pollinators. We will "
               "start with a trial patch and a sign explaining why the grass is tall here.",
               ("Pick a trial patch with the maintenance service",
                "Sow a mix of local meadow flowers", "Put up an information sign")),
    }),
    ("green", "park", {
        "be": ("Экасцежка {where}",
               "Пракладаем экасцежку {where}: таблічкі пра мясцовыя дрэвы і птушак, шпакоўні і "
               "некалькі месцаў для адпачынку. Падыдзе для школьных экскурсій і шпацыраў з дзецьмі.",
               "Людзі і так тут шпацыруюць, але мала хто ведае, якія птушкі гняздуюцца побач. Мы "
               "хочам расказаць пра гэта простымі таблічкамі з QR-кодамі.",
               ("Разам з біёлагамі складаем маршрут і тэксты", "Робім і вешаем шпакоўні",
                "Ставім таблічкі і праводзім першую экскурсію")),
        "ru": ("Экотропа {where}",
               "Прокладываем экотропу {where}: таблички о местных деревьях и птицах, скворечники "
               "и несколько мест для отдыха. Подойдёт для школьных экскурсий и прогулок с детьми.",
               "Люди и так здесь гуляют, но мало кто знает, какие птицы гнездятся рядом. Мы хотим "
               "рассказать об этом простыми табличками с QR-кодами.",
               ("Вместе с биологами составляем маршрут и тексты",
                "Делаем и развешиваем скворечники", "Ставим таблички и проводим первую экскурсию")),
        "en": ("A nature trail {where}",
               "Laying out a nature trail {where}: signs about local trees and birds, nest boxes "
               "and a few resting spots. Good for school trips and walks with children.",
               "People already walk here, but few know which birds nest nearby. We want to tell "
               "their story with simple signs and QR codes.",
               ("Plan the route and texts with biologists", "Build and hang nest boxes",
                "Install the signs and lead the first guided walk")),
    }),
    # --- public_space ---
    ("public_space", "street park", {
        "be": ("Новыя лаўкі {where}",
               "Ісці тут далёка, а прысесці няма дзе. Ставім пяць драўляных лавак са спінкамі "
               "{where} — перш за ўсё для пажылых людзей і бацькоў з вазкамі.",
               "Мы прайшлі маршрут з суседзямі і адзначылі месцы, дзе людзі спыняюцца адпачыць. "
               "Лаўкі зробім самі па адкрытых чарцяжах, а ўстаноўку ўзгоднім з камунальнікамі.",
               ("Адзначаем на мапе месцы для лавак", "Збіраем лаўкі ў майстэрні",
                "Устанаўліваем і фарбуем")),
        "ru": ("Новые скамейки {where}",
               "Идти здесь далеко, а присесть негде. Ставим пять деревянных скамеек со спинками "
               "{where} — прежде всего для пожилых людей и родителей с колясками.",
               "Мы прошли маршрут с соседями и отметили места, где люди останавливаются "
               "передохнуть. Скамейки сделаем сами по открытым чертежам, а установку согласуем с "
               "коммунальщиками.",
               ("Отмечаем на карте места для скамеек", "Собираем скамейки в мастерской",
                "Устанавливаем и красим")),
        "en": ("New benches {where}",
               "It is a long walk here and there is nowhere to sit. We are putting five wooden "
               "benches with backrests {where}, above all for older people and parents with prams.",
               "We walked the route with neighbours and marked where people stop to rest. We will "
               "build the benches from open plans and agree the installation with the city.",
               ("Mark the bench spots on a map", "Build the benches in a workshop",
                "Install and paint them")),
    }),
    ("public_space", "street", {
        "be": ("Маленькая пешаходная плошча {where}",
               "Прапануем ператварыць шырокі пусты ходнік {where} у невялікую плошчу: лаўкі, "
               "вазоны з кветкамі і месца для суседскіх кірмашоў па выхадных.",
               "Зараз гэта проста асфальт, дзе часам паркуюцца машыны. Лёгкую мэблю і вазоны "
               "можна паставіць на лета і паглядзець, ці спадабаецца людзям, перш чым рабіць "
               "нешта сталае.",
               ("Летні эксперымент з часовай мэбляй", "Апытанне мінакоў і суседзяў",
                "Праект сталай плошчы па выніках")),
        "ru": ("Маленькая пешеходная площадь {where}",
               "Предлагаем превратить широкий пустой тротуар {where} в небольшую площадь: "
               "скамейки, вазоны с цветами и место для соседских ярмарок по выходным.",
               "Сейчас это просто асфальт, где иногда паркуются машины. Лёгкую мебель и вазоны "
               "можно поставить на лето и посмотреть, понравится ли людям, прежде чем делать "
               "что-то постоянное.",
               ("Летний эксперимент с временной мебелью", "Опрос прохожих и соседей",
                "Проект постоянной площади по итогам")),
        "en": ("A small pedestrian square {where}",
               "We propose turning a wide, empty stretch of pavement {where} into a small square: "
               "benches, flower planters and room for weekend neighbourhood markets.",
               "Right now it is just asphalt where cars sometimes park. Light furniture and "
               "planters can go in for the summer so we can see whether people like it before "
               "building anything permanent.",
               ("A summer trial with temporary furniture", "Survey passers-by and neighbours",
                "Design a permanent square from the results")),
    }),
    ("public_space", "yard", {
        "be": ("Рамонт дзіцячай пляцоўкі {where}",
               "Арэлі рыпяць, у горкі вострыя краі, пясочніцы няма ўжо некалькі гадоў. Рамантуем "
               "пляцоўку {where} разам з бацькамі і просім ЖЭС пра новае пакрыццё.",
               "Пляцоўку ставілі яшчэ ў 90-я, і з таго часу яе толькі фарбавалі. Частку можна "
               "адрамантаваць сваімі рукамі, а на пакрыццё і пясочніцу пададзім калектыўную "
               "заяўку.",
               ("Разам з бацькамі складаем спіс паломак",
                "Талака: шліфуем, фарбуем, мяняем ланцугі", "Пішам заяўку на новае пакрыццё")),
        "ru": ("Ремонт детской площадки {where}",
               "Качели скрипят, у горки острые края, песочницы нет уже несколько лет. "
               "Ремонтируем площадку {where} вместе с родителями и просим ЖЭС о новом покрытии.",
               "Площадку ставили ещё в 90-е, и с тех пор её только красили. Часть можно "
               "отремонтировать своими руками, а на покрытие и песочницу подадим коллективную "
               "заявку.",
               ("Вместе с родителями составляем список поломок",
                "Субботник: шлифуем, красим, меняем цепи", "Пишем заявку на новое покрытие")),
        "en": ("Fixing the playground {where}",
               "The swings creak, the slide has sharp edges and the sandpit has been gone for "
               "years. Parents are repairing the playground {where} and asking the housing office "
               "for new safety surfacing.",
               "The playground went in back in the 1990s and has only been repainted since. Some "
               "of it we can fix ourselves; for the surfacing and a sandpit we will file a joint "
               "request.",
               ("List the broken parts with other parents",
                "Work day: sand, paint, replace chains", "File a request for new surfacing")),
    }),
    ("public_space", "park street", {
        "be": ("Пітны фантанчык {where}",
               "Улетку тут шмат бегуноў, веласіпедыстаў і дзяцей, а вады няма. Прапануем "
               "паставіць пітны фантанчык {where} і падключыць яго да гарадскога водаправода.",
               "Пітныя фантанчыкі ёсць у многіх гарадах і памяншаюць колькасць пластыкавых "
               "бутэлек. Мы ведаем, дзе праходзіць водаправод, і шукаем інжынера, каб падлічыць "
               "кошт.",
               ("Шукаем бліжэйшую кропку падключэння", "Падлічваем кошт з інжынерам",
                "Падаём прапанову ў водаканал")),
        "ru": ("Питьевой фонтанчик {where}",
               "Летом здесь много бегунов, велосипедистов и детей, а воды нет. Предлагаем "
               "поставить питьевой фонтанчик {where} и подключить его к городскому водопроводу.",
               "Питьевые фонтанчики есть во многих городах и сокращают количество пластиковых "
               "бутылок. Мы знаем, где проходит водопровод, и ищем инженера, чтобы посчитать "
               "стоимость.",
               ("Ищем ближайшую точку подключения", "Считаем стоимость с инженером",
                "Подаём предложение в водоканал")),
        "en": ("A drinking fountain {where}",
               "In summer there are plenty of runners, cyclists and children here but no water. "
               "We propose a drinking fountain {where}, connected to the city water supply.",
               "Drinking fountains are common in many cities and cut down on plastic bottles. We "
               "know where the water main runs and need an engineer to estimate the cost.",
               ("Find the nearest connection point", "Estimate the cost with an engineer",
                "Submit the proposal to the water utility")),
    }),
    # --- transport ---
    ("transport", "street", {
        "be": ("Веладарожка {where}",
               "Веласіпедысты едуць па ходніку ці паміж машынамі. Прапануем вылучыць асобную "
               "веладарожку {where} і злучыць яе з існуючай сеткай.",
               "Мы паездзілі па раёне з камерай і палічылі: у гадзіну пік тут праязджае больш за "
               "сотню веласіпедыстаў. Шырыні дарогі хапае, каб вылучыць паласу і не забіраць "
               "палос у машын.",
               ("Падлік веласіпедыстаў і фота праблемных месцаў",
                "Схема разметкі з транспартным інжынерам",
                "Зварот у адміністрацыю і дарожныя службы")),
        "ru": ("Велодорожка {where}",
               "Велосипедисты едут по тротуару или между машинами. Предлагаем выделить "
               "отдельную велодорожку {where} и связать её с существующей сетью.",
               "Мы поездили по району с камерой и посчитали: в час пик здесь проезжает больше "
               "сотни велосипедистов. Ширины дороги хватает, чтобы выделить полосу, не отнимая "
               "полос у машин.",
               ("Подсчёт велосипедистов и фото проблемных мест",
                "Схема разметки с транспортным инженером",
                "Обращение в администрацию и дорожные службы")),
        "en": ("A bike lane {where}",
               "Cyclists ride on the pavement or squeeze between cars. We propose a dedicated "
               "bike lane {where}, linked to the existing network.",
               "We rode around the area with a camera and counted more than a hundred cyclists an "
               "hour at rush hour. The road is wide enough for a cycle lane without taking a lane "
               "from cars.",
               ("Count cyclists and photograph problem spots",
                "Draft a marking plan with a transport engineer",
                "Submit it to the administration and road services")),
    }),
    ("transport", "street park", {
        "be": ("Веластаянкі {where}",
               "Веласіпеды чапляюць да платоў і дрэваў, бо больш няма куды. Ставім дзесяць "
               "дугавых веластаянак {where}: кожная — гэта сагнутая труба і дзень працы.",
               "Дугавая стаянка самая простая і надзейная: да яе можна прышпіліць і раму, і кола. "
               "Мясцовая майстэрня іх зробіць, а мы шукаем, хто дапаможа з устаноўкай.",
               ("Выбіраем месцы з гаспадарамі будынкаў", "Замаўляем дугі ў майстэрні",
                "Бетануем і ўстанаўліваем")),
        "ru": ("Велопарковка {where}",
               "Велосипеды пристёгивают к заборам и деревьям, потому что больше некуда. Ставим "
               "десять дуговых велопарковок {where}: каждая — это согнутая труба и день работы.",
               "Дуговая парковка самая простая и надёжная: к ней можно пристегнуть и раму, и "
               "колесо. Местная мастерская их сделает, а мы ищем, кто поможет с установкой.",
               ("Выбираем места с владельцами зданий", "Заказываем дуги в мастерской",
                "Бетонируем и устанавливаем")),
        "en": ("Bike racks {where}",
               "Bikes get locked to fences and trees because there is nowhere else. We are "
               "installing ten hoop racks {where}: each one is a bent steel tube and a day's work.",
               "A hoop rack is the simplest and most secure kind: you can lock both the frame and "
               "a wheel. A local workshop will make them; we need help installing them.",
               ("Choose spots with the building owners", "Order the hoops from the workshop",
                "Set them in concrete")),
    }),
    ("transport", "street", {
        "be": ("Бяспечны пешаходны пераход {where}",
               "Людзі перабягаюць дарогу, бо да бліжэйшага пераходу паўкіламетра. Просім "
               "абсталяваць пераход з астраўком бяспекі і падсветкай {where}.",
               "Тут ходзяць да крамы, паліклінікі і прыпынку, у тым ліку пажылыя людзі і дзеці. "
               "Мы сабралі подпісы жыхароў і назіранні за рухам, каб прапанова была "
               "абгрунтаванай.",
               ("Назіраем, колькі людзей пераходзіць і дзе", "Калектыўная заява жыхароў",
                "Сустрэча з дарожнымі службамі на месцы")),
        "ru": ("Безопасный пешеходный переход {where}",
               "Люди перебегают дорогу, потому что до ближайшего перехода полкилометра. Просим "
               "обустроить переход с островком безопасности и подсветкой {where}.",
               "Здесь ходят в магазин, поликлинику и на остановку, в том числе пожилые люди и "
               "дети. Мы собрали подписи жителей и наблюдения за движением, чтобы предложение "
               "было обоснованным.",
               ("Наблюдаем, сколько людей переходит и где", "Коллективное заявление жителей",
                "Встреча с дорожными службами на месте")),
        "en": ("A safe pedestrian crossing {where}",
               "People dash across the road because the nearest crossing is half a kilometre "
               "away. We are asking for a lit crossing with a refuge island {where}.",
               "People cross here to reach the shop, the clinic and the bus stop, older people "
               "and children among them. We collected residents' signatures and traffic counts "
               "to back the proposal.",
               ("Observe how many people cross, and where", "A joint letter from residents",
                "An on-site meeting with the road services")),
    }),
    ("transport", "street", {
        "be": ("Павільён на прыпынку {where}",
               "На прыпынку {where} няма ні даху, ні лаўкі, і ў дождж людзі стаяць пад дрэвам. "
               "Дамаўляемся пра павільён з раскладам і асвятленнем.",
               "Гэтым прыпынкам карыстаюцца некалькі соцень чалавек у дзень. Мы сабралі "
               "фотаздымкі і лісты жыхароў і знайшлі тыпавы павільён, які ўжо стаіць у іншых "
               "раёнах.",
               ("Збіраем подпісы і фота", "Прапанова перавозчыку і адміністрацыі",
                "Сочым за ўстаноўкай")),
        "ru": ("Навес на остановке {where}",
               "На остановке {where} нет ни крыши, ни скамейки, и в дождь люди стоят под "
               "деревом. Договариваемся о павильоне с расписанием и освещением.",
               "Этой остановкой пользуются несколько сотен человек в день. Мы собрали фотографии "
               "и письма жителей и нашли типовой павильон, который уже стоит в других районах.",
               ("Собираем подписи и фото", "Предложение перевозчику и администрации",
                "Следим за установкой")),
        "en": ("A shelter for the bus stop {where}",
               "The bus stop {where} has no roof and no bench, so on rainy days people wait under "
               "a tree. We are pushing for a shelter with a timetable and lighting.",
               "Several hundred people use this stop every day. We have photos and residents' "
               "letters, and found a standard shelter already used in other districts.",
               ("Collect signatures and photos",
                "Send the proposal to the operator and the administration",
                "Follow up on the installation")),
    }),
    # --- accessibility ---
    ("accessibility", "street", {
        "be": ("Пандусы для крам і аптэк {where}",
               "Амаль ва ўсе крамы і аптэкі {where} вядуць прыступкі без пандуса. Разам з "
               "гаспадарамі ставім пандусы і кнопкі выкліку персаналу.",
               "Мы прайшлі вуліцу з чалавекам на інвалідным вазку і мамай з дзіцячым вазком і "
               "адзначылі кожны ўваход. Частку праблем вырашаюць прыстаўныя пандусы, частку — "
               "толькі перабудова ганка.",
               ("Аўдыт даступнасці ўсіх уваходаў", "Размовы з гаспадарамі",
                "Устаноўка пандусаў і кнопак выкліку")),
        "ru": ("Пандусы для магазинов и аптек {where}",
               "Почти во все магазины и аптеки {where} ведут ступеньки без пандуса. Вместе с "
               "владельцами ставим пандусы и кнопки вызова персонала.",
               "Мы прошли улицу с человеком на инвалидной коляске и мамой с детской коляской и "
               "отметили каждый вход. Часть проблем решают приставные пандусы, часть — только "
               "перестройка крыльца.",
               ("Аудит доступности всех входов", "Разговоры с владельцами",
                "Установка пандусов и кнопок вызова")),
        "en": ("Ramps for shops and pharmacies {where}",
               "Almost every shop and pharmacy {where} has steps and no ramp. Together with the "
               "owners we are adding ramps and call buttons for staff.",
               "We walked the street with a wheelchair user and a parent with a pram and noted "
               "every entrance. Some problems are solved by portable ramps, others only by "
               "rebuilding the porch.",
               ("Accessibility audit of every entrance", "Talks with the owners",
                "Install ramps and call buttons")),
    }),
    ("accessibility", "street", {
        "be": ("Тактыльная плітка {where}",
               "Людзям са слабым зрокам цяжка знайсці пераход і прыпынак {where}. Прапануем "
               "пакласці тактыльную плітку і пафарбаваць краі прыступак у кантрасны колер.",
               "Праект падрыхтавалі разам з мясцовым таварыствам людзей са слабым зрокам. Плітка "
               "каштуе нядорага, калі класці яе падчас планавага рамонту ходніка, таму важна "
               "паспець да яго.",
               ("Абход маршруту з экспертамі", "Схема ўкладкі і кантрасных палос",
                "Уключэнне ў план рамонту ходніка")),
        "ru": ("Тактильная плитка {where}",
               "Людям со слабым зрением трудно найти переход и остановку {where}. Предлагаем "
               "уложить тактильную плитку и покрасить края ступеней в контрастный цвет.",
               "Проект подготовили вместе с местным обществом слабовидящих. Плитка стоит "
               "недорого, если класть её во время планового ремонта тротуара, поэтому важно "
               "успеть к нему.",
               ("Обход маршрута с экспертами", "Схема укладки и контрастных полос",
                "Включение в план ремонта тротуара")),
        "en": ("Tactile paving {where}",
               "People with low vision struggle to find the crossing and the bus stop {where}. "
               "We propose tactile paving and high-contrast edges on the steps.",
               "We prepared the plan with the local society of visually impaired people. Tactile "
               "paving is cheap if laid during scheduled pavement repairs, so timing matters.",
               ("Walk the route with experts", "Draw the paving and contrast-strip layout",
                "Get it into the pavement repair plan")),
    }),
    ("accessibility", "street yard", {
        "be": ("Зніжаныя бардзюры {where}",
               "Высокія бардзюры {where} — перашкода для вазкоў, самакатаў і людзей з палкай. "
               "Складаем мапу праблемных месцаў і просім зрабіць пандусныя з'езды.",
               "Мы адзначылі на мапе кожны бардзюр вышэйшы за тры сантыметры. Калі дадаць іх у "
               "спіс планавага рамонту, кожны з'езд абыходзіцца танна.",
               ("Мапа бардзюраў з фотаздымкамі", "Зварот у ЖЭС і дарожныя службы",
                "Праверка зробленага")),
        "ru": ("Понижение бордюров {where}",
               "Высокие бордюры {where} — препятствие для колясок, самокатов и людей с тростью. "
               "Составляем карту проблемных мест и просим сделать пандусные съезды.",
               "Мы отметили на карте каждый бордюр выше трёх сантиметров. Если добавить их в "
               "список планового ремонта, каждый съезд обходится дёшево.",
               ("Карта бордюров с фотографиями", "Обращение в ЖЭС и дорожные службы",
                "Проверка сделанного")),
        "en": ("Dropped kerbs {where}",
               "High kerbs {where} block prams, scooters and people with walking sticks. We are "
               "mapping the worst spots and asking for dropped kerbs.",
               "We marked every kerb higher than three centimetres on a map. Added to the "
               "scheduled repair list, each one is cheap to fix.",
               ("A kerb map with photos", "A request to the housing office and road services",
                "Check the work once done")),
    }),
    ("accessibility", "park street", {
        "be": ("Лаўкі з падлакотнікамі для старэйшых {where}",
               "Пажылым людзям цяжка ўставаць з нізкіх лавак без падлакотнікаў. Мяняем некалькі "
               "лавак {where} на вышэйшыя і зручнейшыя і ставім іх не далей за сто метраў адна "
               "ад адной.",
               "Ідэя прыйшла ад бабуль з нашага двара: яны хочуць гуляць даўжэй, але няма дзе "
               "адпачыць. Такія лаўкі ўжо ставяць у многіх гарадах, чарцяжы ёсць у адкрытым "
               "доступе.",
               ("З пажылымі суседзямі выбіраем месцы", "Вырабляем лаўкі",
                "Устанаўліваем і збіраем водгукі")),
        "ru": ("Скамейки с подлокотниками для пожилых {where}",
               "Пожилым людям трудно вставать с низких скамеек без подлокотников. Меняем "
               "несколько скамеек {where} на более высокие и удобные и ставим их не дальше ста "
               "метров друг от друга.",
               "Идея пришла от бабушек из нашего двора: они хотят гулять дольше, но негде "
               "отдохнуть. Такие скамейки уже ставят во многих городах, чертежи есть в открытом "
               "доступе.",
               ("С пожилыми соседями выбираем места", "Изготавливаем скамейки",
                "Устанавливаем и собираем отзывы")),
        "en": ("Benches with armrests for older people {where}",
               "Low benches without armrests are hard for older people to get up from. We are "
               "replacing several benches {where} with higher, more comfortable ones, no more "
               "than 100 metres apart.",
               "The idea came from the older residents of our yard: they want to walk further "
               "but have nowhere to rest. Many cities use such benches and the plans are open.",
               ("Choose the spots with older neighbours", "Build the benches",
                "Install them and collect feedback")),
    }),
    # --- heritage ---
    ("heritage", "street", {
        "be": ("Захаваем драўляны дом {where}",
               "Стары драўляны дом з разьбянымі ліштвамі {where} паступова руйнуецца. "
               "Дакументуем яго, шукаем гаспадара і прапануем кансервацыю замест зносу.",
               "Такіх дамоў у горадзе засталося зусім мала. Мы сфатаграфавалі і абмералі фасад, "
               "знайшлі старыя здымкі ў архівах і хочам разам з архітэктарамі падрыхтаваць план "
               "кансервацыі.",
               ("Фотафіксацыя і абмеры", "Пошук гісторыі дома і гаспадара",
                "Прапанова па кансервацыі і новым выкарыстанні")),
        "ru": ("Сохраним деревянный дом {where}",
               "Старый деревянный дом с резными наличниками {where} постепенно разрушается. "
               "Документируем его, ищем владельца и предлагаем консервацию вместо сноса.",
               "Таких домов в городе осталось совсем мало. Мы сфотографировали и обмерили фасад, "
               "нашли старые снимки в архивах и хотим вместе с архитекторами подготовить план "
               "консервации.",
               ("Фотофиксация и обмеры", "Поиск истории дома и владельца",
                "Предложение по консервации и новому использованию")),
        "en": ("Save the wooden house {where}",
               "An old wooden house with carved window frames {where} is slowly falling apart. "
               "We are documenting it, tracing the owner and proposing conservation instead of "
               "demolition.",
               "Very few houses like this are left in town. We photographed and measured the "
               "façade, found old pictures in the archives, and want to draw up a conservation "
               "plan with architects.",
               ("Photograph and measure", "Research the house's history and owner",
                "Propose conservation and a new use")),
    }),
    ("heritage", "street", {
        "be": ("Народны краязнаўчы музей {where}",
               "Збіраем старыя фотаздымкі, рэчы і ўспаміны жыхароў, каб адкрыць маленькі "
               "краязнаўчы музей {where}. Калі ў вас ёсць сямейны архіў — напішыце нам.",
               "Пад музей нам гатовыя аддаць пакой у бібліятэцы. Кожны экспанат мы сканіруем і "
               "апісваем, а лепшыя гісторыі збіраем у невялікую кнігу пра раён.",
               ("Збор экспанатаў і гісторый", "Сканаванне і апісанне",
                "Адкрыццё экспазіцыі і экскурсіі для школ")),
        "ru": ("Народный краеведческий музей {where}",
               "Собираем старые фотографии, вещи и воспоминания жителей, чтобы открыть маленький "
               "краеведческий музей {where}. Если у вас есть семейный архив — напишите нам.",
               "Под музей нам готовы отдать комнату в библиотеке. Каждый экспонат мы сканируем и "
               "описываем, а лучшие истории собираем в небольшую книгу о районе.",
               ("Сбор экспонатов и историй", "Сканирование и описание",
                "Открытие экспозиции и экскурсии для школ")),
        "en": ("A small local history museum {where}",
               "We are collecting old photos, objects and residents' memories to open a small "
               "local history museum {where}. If you have a family archive, get in touch.",
               "The library has offered us a room. Every item is scanned and described, and the "
               "best stories will go into a small book about the neighbourhood.",
               ("Collect items and stories", "Scan and describe them",
                "Open the exhibition and run school tours")),
    }),
    ("heritage", "yard street", {
        "be": ("Аднаўляем мурал {where}",
               "Каляровы роспіс на тарцы дома {where} выцвіў і абсыпаецца. Шукаем аўтара ці яго "
               "сям'ю, мастакоў-рэстаўратараў і фарбу, каб вярнуць яму колеры.",
               "Роспіс зрабілі больш за трыццаць гадоў таму, і для многіх жыхароў ён — візітоўка "
               "раёна. Рэстаўратары кажуць, што большую частку можна захаваць, калі своечасова "
               "ўмацаваць тынкоўку.",
               ("Агляд сцяны з рэстаўратарамі", "Умацаванне тынкоўкі",
                "Аднаўленне колераў па старых фотаздымках")),
        "ru": ("Восстанавливаем мурал {where}",
               "Цветная роспись на торце дома {where} выцвела и осыпается. Ищем автора или его "
               "семью, художников-реставраторов и краску, чтобы вернуть ей цвета.",
               "Роспись сделали больше тридцати лет назад, и для многих жителей она — визитная "
               "карточка района. Реставраторы говорят, что большую часть можно сохранить, если "
               "вовремя укрепить штукатурку.",
               ("Осмотр стены с реставраторами", "Укрепление штукатурки",
                "Восстановление цветов по старым фотографиям")),
        "en": ("Restoring the mural {where}",
               "The colourful painting on the end wall of a block {where} has faded and is "
               "flaking. We are looking for the artist or their family, restorers and paint to "
               "bring the colours back.",
               "The mural was painted more than thirty years ago and many residents see it as "
               "the face of the neighbourhood. Restorers say most of it can be saved if the "
               "plaster is stabilised in time.",
               ("Inspect the wall with restorers", "Stabilise the plaster",
                "Restore the colours from old photos")),
    }),
    ("heritage", "street", {
        "be": ("Таблічкі з гісторыяй дамоў {where}",
               "Вешаем на дамы {where} невялікія таблічкі: калі пабудаваны, хто тут жыў, што "
               "было на гэтым месцы раней. QR-код вядзе на старыя фотаздымкі.",
               "Мы пагарталі архівы і старыя гарадскія газеты і знайшлі шмат цікавага пра "
               "звычайныя дамы. Таблічкі робім аднолькавымі і стрыманымі, каб яны не псавалі "
               "фасады.",
               ("Даследаванне ў архівах", "Узгадненне з жыхарамі і ЖЭС",
                "Выраб і мантаж таблічак")),
        "ru": ("Таблички с историей домов {where}",
               "Вешаем на дома {where} небольшие таблички: когда построен, кто здесь жил, что "
               "было на этом месте раньше. QR-код ведёт на старые фотографии.",
               "Мы полистали архивы и старые городские газеты и нашли много интересного про "
               "обычные дома. Таблички делаем одинаковыми и сдержанными, чтобы они не портили "
               "фасады.",
               ("Исследование в архивах", "Согласование с жителями и ЖЭСом",
                "Изготовление и монтаж табличек")),
        "en": ("History plaques for the houses {where}",
               "Small plaques for the houses {where}: when each was built, who lived there, what "
               "stood there before. A QR code links to old photographs.",
               "Digging through archives and old local papers, we found plenty of stories about "
               "ordinary houses. The plaques share one modest design so they do not spoil the "
               "façades.",
               ("Archive research", "Agree with residents and the housing office",
                "Make and mount the plaques")),
    }),
    # --- safety ---
    ("safety", "park yard", {
        "be": ("Святло на цёмнай сцежцы {where}",
               "Увечары сцежка {where} зусім цёмная, і людзі пасля працы ходзяць у абыход. "
               "Просім паставіць ліхтары, а пакуль вешаем часовыя лямпы на сонечных батарэях.",
               "Па гэтай сцежцы ходзяць да прыпынку і школы. Мы замералі асветленасць у розны "
               "час і склалі мапу, дзе менавіта патрэбныя ліхтары.",
               ("Вячэрні абход і замеры", "Часовае асвятленне на сонечных панэлях",
                "Заяўка на сталыя ліхтары")),
        "ru": ("Свет на тёмной тропинке {where}",
               "Вечером тропинка {where} совсем тёмная, и люди после работы ходят в обход. "
               "Просим поставить фонари, а пока вешаем временные лампы на солнечных батареях.",
               "По этой тропинке ходят к остановке и в школу. Мы замерили освещённость в разное "
               "время и составили карту, где именно нужны фонари.",
               ("Вечерний обход и замеры", "Временное освещение на солнечных панелях",
                "Заявка на постоянные фонари")),
        "en": ("Lighting the dark path {where}",
               "After dark the path {where} is pitch black, so people walk the long way round. "
               "We are asking for street lamps and meanwhile hanging temporary solar lights.",
               "People use this path to get to the bus stop and the school. We measured light "
               "levels at different times and mapped exactly where lamps are needed.",
               ("Evening walk and measurements", "Temporary solar lighting",
                "A request for permanent lamps")),
    }),
    ("safety", "yard street", {
        "be": ("Штучныя няроўнасці {where}",
               "Машыны праязджаюць {where} на вялікай хуткасці, а тут гуляюць дзеці. Просім "
               "паставіць штучныя няроўнасці і знак «Жылая зона».",
               "Мы некалькі дзён лічылі машыны і замяралі хуткасць простым радарам. Лічбы і "
               "подпісы суседзяў далучылі да заявы, каб яе было лягчэй падтрымаць.",
               ("Замеры хуткасці", "Подпісы жыхароў", "Заява і сустрэча на месцы")),
        "ru": ("Искусственные неровности {where}",
               "Машины проезжают {where} на большой скорости, а здесь гуляют дети. Просим "
               "поставить искусственные неровности и знак «Жилая зона».",
               "Мы несколько дней считали машины и замеряли скорость простым радаром. Цифры и "
               "подписи соседей приложили к заявлению, чтобы его было проще поддержать.",
               ("Замеры скорости", "Подписи жителей", "Заявление и встреча на месте")),
        "en": ("Speed bumps {where}",
               "Cars drive {where} far too fast, and children play here. We are asking for speed "
               "bumps and a 'residential zone' sign.",
               "For several days we counted cars and measured speeds with a simple radar gun. "
               "The figures and neighbours' signatures go with our request.",
               ("Measure speeds", "Collect residents' signatures",
                "Submit the request and meet on site")),
    }),
    ("safety", "street", {
        "be": ("Бяспечная дарога ў школу {where}",
               "Разам з бацькамі і настаўнікамі шукаем небяспечныя месцы па дарозе ў школу "
               "{where} і прапануем простыя рашэнні: разметку, знакі, слупкі.",
               "Дзеці самі малююць мапу свайго шляху і адзначаюць, дзе ім страшна. Па выніках "
               "падрыхтуем спіс змен і пакажам яго дарожным службам.",
               ("Мапа небяспечных месцаў разам з дзецьмі", "Спіс простых рашэнняў",
                "Сустрэча з дарожнымі службамі")),
        "ru": ("Безопасная дорога в школу {where}",
               "Вместе с родителями и учителями ищем опасные места по дороге в школу {where} и "
               "предлагаем простые решения: разметку, знаки, столбики.",
               "Дети сами рисуют карту своего пути и отмечают, где им страшно. По итогам "
               "подготовим список изменений и покажем его дорожным службам.",
               ("Карта опасных мест вместе с детьми", "Список простых решений",
                "Встреча с дорожными службами")),
        "en": ("A safe route to school {where}",
               "With parents and teachers we are finding the dangerous spots on the way to "
               "school {where} and proposing simple fixes: road markings, signs, bollards.",
               "Children draw their own route maps and mark where they feel unsafe. From that we "
               "will compile a list of changes for the road services.",
               ("Map the danger spots with the children", "List simple fixes",
                "Meet the road services")),
    }),
    # --- waste ---
    ("waste", "yard", {
        "be": ("Кантэйнеры для раздзельнага збору {where}",
               "Ставім кантэйнеры для пластыку, шкла і паперы {where} і тлумачым суседзям, што "
               "куды выкідаць. Дамаўляемся з перапрацоўшчыкам пра рэгулярны вываз.",
               "Большую частку смецця з нашых кватэр можна перапрацаваць. Кантэйнеры — толькі "
               "палова справы: мы зробім улёткі для кожнага пад'езда і праверым, ці не "
               "змешваецца змесціва.",
               ("Дамова з перапрацоўшчыкам", "Устаноўка кантэйнераў",
                "Улёткі і дзяжурствы першы месяц")),
        "ru": ("Контейнеры для раздельного сбора {where}",
               "Ставим контейнеры для пластика, стекла и бумаги {where} и объясняем соседям, что "
               "куда выбрасывать. Договариваемся с переработчиком о регулярном вывозе.",
               "Большую часть мусора из наших квартир можно переработать. Контейнеры — только "
               "половина дела: мы сделаем листовки для каждого подъезда и проверим, не "
               "смешивается ли содержимое.",
               ("Договор с переработчиком", "Установка контейнеров",
                "Листовки и дежурства первый месяц")),
        "en": ("Recycling bins {where}",
               "We are putting out bins for plastic, glass and paper {where} and explaining to "
               "neighbours what goes where. A recycling firm will collect them regularly.",
               "Most of the rubbish from our flats can be recycled. The bins are only half the "
               "job: we will make leaflets for every stairwell and check nothing gets mixed up.",
               ("Agreement with a recycling firm", "Install the bins",
                "Leaflets and volunteer shifts for the first month")),
    }),
    ("waste", "street yard park", {
        "be": ("Вясновая талака {where}",
               "Збіраемся ў суботу раніцай, каб прыбраць смецце {where}, пафарбаваць лаўкі і "
               "пасадзіць кветкі. Пальчаткі і мяшкі дамо, гарбату і бутэрброды — таксама.",
               "Талака — добрая нагода пазнаёміцца з суседзямі. Вываз смецця мы дамаўляемся "
               "загадзя, каб мяшкі не засталіся стаяць пасля нас.",
               ("Дамова пра вываз смецця", "Збор інвентару", "Талака і агульная гарбата")),
        "ru": ("Весенний субботник {where}",
               "Собираемся в субботу утром, чтобы убрать мусор {where}, покрасить скамейки и "
               "посадить цветы. Перчатки и мешки дадим, чай и бутерброды — тоже.",
               "Субботник — хороший повод познакомиться с соседями. О вывозе мусора мы "
               "договариваемся заранее, чтобы мешки не остались стоять после нас.",
               ("Договорённость о вывозе мусора", "Сбор инвентаря", "Субботник и общий чай")),
        "en": ("A spring clean-up day {where}",
               "Meet us on Saturday morning to pick up litter {where}, paint the benches and "
               "plant flowers. Gloves and bags provided, tea and sandwiches too.",
               "A clean-up day is a good chance to meet the neighbours. We arrange rubbish "
               "collection in advance so the bags are not left standing after we go.",
               ("Arrange rubbish collection", "Gather tools", "Clean-up and tea together")),
    }),
    ("waste", "street", {
        "be": ("Рамонтнае кафэ {where}",
               "Раз на месяц {where} збіраюцца майстры, якія бясплатна дапамагаюць паправіць "
               "чайнік, лямпу, ровар ці адзенне. Прыносьце зламанае — паправім разам.",
               "Рамонтнае кафэ (repair café) — не сэрвіс, а суседская сустрэча: майстар "
               "паказвае, як паправіць рэч, і вы робіце гэта разам. Памяшканне нам дала "
               "бібліятэка, шукаем майстроў.",
               ("Шукаем майстроў па электрыцы, шыцці і роварах", "Збіраем інструменты",
                "Першая сустрэча і расклад на год")),
        "ru": ("Ремонтное кафе {where}",
               "Раз в месяц {where} собираются мастера, которые бесплатно помогают починить "
               "чайник, лампу, велосипед или одежду. Приносите сломанное — починим вместе.",
               "Ремонтное кафе (repair café) — не сервис, а соседская встреча: мастер "
               "показывает, как починить вещь, и вы делаете это вместе. Помещение нам дала "
               "библиотека, ищем мастеров.",
               ("Ищем мастеров по электрике, шитью и велосипедам", "Собираем инструменты",
                "Первая встреча и расписание на год")),
        "en": ("A repair café {where}",
               "Once a month, volunteer fixers meet {where} to help mend kettles, lamps, bikes "
               "and clothes for free. Bring your broken things and we'll fix them together.",
               "A repair café is not a service but a neighbourly meeting: a fixer shows you how "
               "to mend something and you do it together. The library gave us a room; we need "
               "fixers.",
               ("Find fixers for electrics, sewing and bikes", "Collect tools",
                "First meeting and a schedule for the year")),
    }),
    ("waste", "yard", {
        "be": ("Суседскі кампост {where}",
               "Ставім {where} дзве кампостныя скрыні для ачыстак з кухні і апалага лісця. Праз "
               "год атрымаем угнаенне для клумбаў і менш смецця ў кантэйнерах.",
               "Амаль трэць бытавога смецця — арганічныя рэшткі. Мы пакажам суседзям, што можна "
               "класці ў кампост, і будзем па чарзе яго перамешваць.",
               ("Згода суседзяў і ЖЭС", "Будуем скрыні з паддонаў",
                "Інструкцыя і графік дзяжурстваў")),
        "ru": ("Соседский компост {where}",
               "Ставим {where} два компостных ящика для кухонных очистков и опавшей листвы. "
               "Через год получим удобрение для клумб и меньше мусора в контейнерах.",
               "Почти треть бытового мусора — органические остатки. Мы покажем соседям, что "
               "можно класть в компост, и будем по очереди его перемешивать.",
               ("Согласие соседей и ЖЭСа", "Строим ящики из поддонов",
                "Инструкция и график дежурств")),
        "en": ("A shared compost bin {where}",
               "We are setting up two compost bins {where} for kitchen scraps and fallen leaves. "
               "In a year we'll have fertiliser for the flower beds and less rubbish in the bins.",
               "Almost a third of household waste is organic. We will show neighbours what can "
               "go into the compost and take turns mixing it.",
               ("Get the consent of neighbours and the housing office",
                "Build the bins from pallets", "Instructions and a rota")),
    }),
    # --- children_sport ---
    ("children_sport", "park yard", {
        "be": ("Пляцоўка для воркаўту {where}",
               "Турнікі, брусы і рукаход для падлеткаў і дарослых {where}. Гэта нядорага, а "
               "трэнеры з мясцовага клуба гатовыя праводзіць бясплатныя заняткі.",
               "Цяпер падлеткі падцягваюцца на трубах каля гаражоў. Мы выбралі надзейнае "
               "абсталяванне з гумовым пакрыццём і хочам, каб пляцоўку было відаць з вокнаў.",
               ("Выбар месца і абсталявання", "Збор сродкаў і матэрыялаў",
                "Мантаж і адкрыццё з першай трэніроўкай")),
        "ru": ("Площадка для воркаута {where}",
               "Турники, брусья и рукоход для подростков и взрослых {where}. Это недорого, а "
               "тренеры из местного клуба готовы проводить бесплатные занятия.",
               "Сейчас подростки подтягиваются на трубах у гаражей. Мы выбрали надёжное "
               "оборудование с резиновым покрытием и хотим, чтобы площадку было видно из окон.",
               ("Выбор места и оборудования", "Сбор средств и материалов",
                "Монтаж и открытие с первой тренировкой")),
        "en": ("A street workout area {where}",
               "Pull-up bars, parallel bars and monkey bars for teenagers and adults {where}. It "
               "is not expensive, and coaches from a local club will run free sessions.",
               "Right now teenagers do pull-ups on pipes behind the garages. We chose sturdy "
               "equipment with rubber surfacing and want the area visible from the windows.",
               ("Choose the spot and equipment", "Raise funds and materials",
                "Install and open with a first session")),
    }),
    ("children_sport", "yard", {
        "be": ("Дваровае футбольнае поле {where}",
               "Старая асфальтавая пляцоўка {where} пустуе. Ставім новыя вароты з сеткай, "
               "агароджу і робім разметку, каб дзеці гулялі ў футбол побач з домам.",
               "Улетку тут збіраюцца дзясяткі дзяцей з суседніх дамоў. ЖЭС згодны адрамантаваць "
               "пакрыццё, калі жыхары паклапоцяцца пра вароты і сеткі.",
               ("Дамова з ЖЭС пра пакрыццё", "Вароты, сеткі і агароджа",
                "Турнір двароў на адкрыцці")),
        "ru": ("Дворовое футбольное поле {where}",
               "Старая асфальтовая площадка {where} пустует. Ставим новые ворота с сеткой, "
               "ограждение и делаем разметку, чтобы дети играли в футбол рядом с домом.",
               "Летом здесь собираются десятки детей из соседних домов. ЖЭС согласен "
               "отремонтировать покрытие, если жители позаботятся о воротах и сетках.",
               ("Договорённость с ЖЭСом о покрытии", "Ворота, сетки и ограждение",
                "Турнир дворов на открытии")),
        "en": ("A yard football pitch {where}",
               "The old asphalt court {where} sits empty. We are adding goals with nets, a fence "
               "and line markings so kids can play football close to home.",
               "In summer dozens of children from nearby blocks gather here. The housing office "
               "will repair the surface if residents take care of the goals and nets.",
               ("Agree the surface repair with the housing office", "Goals, nets and fencing",
                "An inter-yard tournament at the opening")),
    }),
    ("children_sport", "park yard", {
        "be": ("Тэнісны стол пад адкрытым небам {where}",
               "Бетонны стол для настольнага тэніса {where} — для ўсіх пакаленняў: школьнікі "
               "пасля ўрокаў, бацькі ўвечары, пенсіянеры раніцай. Ракеткі і мячыкі будуць у "
               "скрыні з кодавым замком.",
               "Бетонныя сталы служаць дзесяцігоддзямі і амаль не патрабуюць догляду. Побач "
               "паставім лаўку для тых, хто чакае чаргі.",
               ("Выбар роўнага месца", "Дастаўка і ўстаноўка стала",
                "Першы дваровы турнір")),
        "ru": ("Уличный теннисный стол {where}",
               "Бетонный стол для настольного тенниса {where} — для всех поколений: школьники "
               "после уроков, родители вечером, пенсионеры утром. Ракетки и мячики будут в "
               "ящике с кодовым замком.",
               "Бетонные столы служат десятилетиями и почти не требуют ухода. Рядом поставим "
               "скамейку для тех, кто ждёт своей очереди.",
               ("Выбор ровного места", "Доставка и установка стола", "Первый дворовый турнир")),
        "en": ("An outdoor table-tennis table {where}",
               "A concrete table-tennis table {where} for all ages: schoolchildren after class, "
               "parents in the evening, pensioners in the morning. Bats and balls will be kept "
               "in a box with a code lock.",
               "Concrete tables last for decades and need almost no care. We'll add a bench next "
               "to it for those waiting their turn.",
               ("Find a level spot", "Deliver and install the table",
                "The first yard tournament")),
    }),
    # --- other ---
    ("other", "street yard park", {
        "be": ("Суседская кніжная шафка {where}",
               "Ставім {where} невялікую шафку з дзверцамі, куды можна пакласці прачытаную кнігу "
               "і ўзяць іншую. Без запісу і тэрмінаў — проста бярыце і чытайце.",
               "Шафку робім са старога кухоннага гарнітура і фарбуем разам з дзецьмі. Першую "
               "сотню кніг суседзі ўжо сабралі.",
               ("Выраб і фарбаванне шафкі", "Узгадненне месца",
                "Адкрыццё з абменам кнігамі")),
        "ru": ("Соседский книжный шкаф {where}",
               "Ставим {where} небольшой шкафчик с дверцами, куда можно положить прочитанную "
               "книгу и взять другую. Без записи и сроков — просто берите и читайте.",
               "Шкафчик делаем из старого кухонного гарнитура и красим вместе с детьми. Первую "
               "сотню книг соседи уже собрали.",
               ("Изготовление и покраска шкафчика", "Согласование места",
                "Открытие с обменом книгами")),
        "en": ("A little free library {where}",
               "We are putting up a small cabinet with doors {where} where you can leave a book "
               "you've read and take another. No sign-up, no due dates: just take one and read.",
               "The cabinet is being made from an old kitchen unit and painted with the "
               "children. Neighbours have already collected the first hundred books.",
               ("Build and paint the cabinet", "Agree on the spot",
                "Opening day with a book swap")),
    }),
    ("other", "yard", {
        "be": ("Суседская рада {where}",
               "Збіраем актыўных суседзяў {where}, каб разам вырашаць бытавыя пытанні: рамонт "
               "пад'ездаў, парковка, дзіцячая пляцоўка. Сустракаемся раз на месяц.",
               "Калі пытанне ставяць адразу некалькі дзясяткаў кватэр, яго лягчэй вырашыць з "
               "ЖЭС. Мы вядзём агульны чат, нататкі сустрэч і спіс задач з адказнымі.",
               ("Першы сход і спіс праблем", "Каардынатары па пад'ездах",
                "Штомесячныя сустрэчы і справаздачы")),
        "ru": ("Совет жильцов {where}",
               "Собираем активных соседей {where}, чтобы вместе решать бытовые вопросы: ремонт "
               "подъездов, парковка, детская площадка. Встречаемся раз в месяц.",
               "Когда вопрос поднимают сразу несколько десятков квартир, его проще решить с "
               "ЖЭСом. Мы ведём общий чат, заметки встреч и список задач с ответственными.",
               ("Первое собрание и список проблем", "Координаторы по подъездам",
                "Ежемесячные встречи и отчёты")),
        "en": ("A residents' council {where}",
               "Bringing together active neighbours {where} to tackle everyday issues: stairwell "
               "repairs, parking, the playground. We meet once a month.",
               "When dozens of flats raise an issue together, it is easier to resolve with the "
               "housing office. We keep a shared chat, meeting notes and a task list with owners.",
               ("First meeting and a list of problems", "Coordinators for each stairwell",
                "Monthly meetings and reports")),
    }),
    ("other", "yard street", {
        "be": ("Дошка абвестак для суседзяў {where}",
               "Замест аб'яў на слупах — акуратная дошка {where}: падзеі, згубленыя рэчы, "
               "прапановы дапамогі. Раз на тыдзень хтосьці з валанцёраў здымае старое.",
               "Мы хочам, каб пра талакі і сустрэчы даведваліся не толькі ў чатах, але і "
               "пажылыя суседзі. Дошку зробім з дрэва, з невялікім дашкам ад дажджу.",
               ("Выраб дошкі з дашкам", "Узгадненне месца", "Графік валанцёраў")),
        "ru": ("Доска объявлений для соседей {where}",
               "Вместо объявлений на столбах — аккуратная доска {where}: события, потерянные "
               "вещи, предложения помощи. Раз в неделю кто-то из волонтёров снимает старое.",
               "Мы хотим, чтобы о субботниках и встречах узнавали не только в чатах, но и "
               "пожилые соседи. Доску сделаем из дерева, с небольшим козырьком от дождя.",
               ("Изготовление доски с козырьком", "Согласование места", "График волонтёров")),
        "en": ("A neighbourhood notice board {where}",
               "Instead of notices taped to lamp posts, a tidy board {where}: events, lost and "
               "found, offers of help. A volunteer clears old notices once a week.",
               "We want older neighbours, not just people in group chats, to hear about "
               "clean-ups and meetings. The board will be wooden with a small roof against rain.",
               ("Build the board with a small roof", "Agree on the spot", "A volunteer rota")),
    }),
    ("other", "street yard", {
        "be": ("Бібліятэка інструментаў {where}",
               "Дрыль патрэбная раз на год, а ляжыць у кожнай кватэры. Адкрываем {where} "
               "бібліятэку інструментаў: дрылі, драбіны, шурупавёрты і садовы інвентар.",
               "Інструменты аддалі суседзі, а выдачу вядзём у простай табліцы. Шукаем памяшканне "
               "і валанцёраў, якія будуць дзяжурыць па выхадных.",
               ("Збор інструментаў", "Памяшканне і паліцы", "Правілы і графік выдачы")),
        "ru": ("Библиотека инструментов {where}",
               "Дрель нужна раз в год, а лежит в каждой квартире. Открываем {where} библиотеку "
               "инструментов: дрели, стремянки, шуруповёрты и садовый инвентарь.",
               "Инструменты отдали соседи, а выдачу ведём в простой таблице. Ищем помещение и "
               "волонтёров, которые будут дежурить по выходным.",
               ("Сбор инструментов", "Помещение и полки", "Правила и график выдачи")),
        "en": ("A tool library {where}",
               "You need a drill once a year, yet every flat has one. We are opening a tool "
               "library {where}: drills, ladders, screwdrivers and garden tools to borrow.",
               "Neighbours donated the tools and we track loans in a simple spreadsheet. We need "
               "a room and volunteers for weekend shifts.",
               ("Collect tools", "Find a room and shelves", "Lending rules and opening hours")),
    }),
]

# Headings and the closing parts of a description, by language.
HEADINGS = {
    "be": ("Што робім", "Чым дапамагчы"),
    "ru": ("Что делаем", "Чем помочь"),
    "en": ("What we do", "How you can help"),
}

NEEDS = {
    "be": {
        "volunteers": "**Валанцёры** — рукі на талаках і дзяжурствах.",
        "skills": "**Веды** — праектаванне, юрыдычныя пытанні, дызайн ці ўменне пісаць лісты.",
        "materials": "**Матэрыялы** — усё, што ў плане вышэй: ад фарбы да цвікоў.",
        "money": "**Грошы** — невялікі збор на матэрыялы з адкрытай справаздачай.",
        None: "Пакуль усяго хапае — далучайцеся, каб быць у курсе.",
    },
    "ru": {
        "volunteers": "**Волонтёры** — руки на субботниках и дежурствах.",
        "skills": "**Знания** — проектирование, юридические вопросы, дизайн или умение писать "
                  "письма.",
        "materials": "**Материалы** — всё, что в плане выше: от краски до гвоздей.",
        "money": "**Деньги** — небольшой сбор на материалы с открытым отчётом.",
        None: "Пока всего хватает — присоединяйтесь, чтобы быть в курсе.",
    },
    "en": {
        "volunteers": "**Volunteers**: hands for work days and rotas.",
        "skills": "**Skills**: design, legal questions, planning, or good letter writing.",
        "materials": "**Materials**: whatever the plan above needs, from paint to nails.",
        "money": "**Money**: a small collection for materials, with a public account of spending.",
        None: "We have what we need for now; join to stay in the loop.",
    },
}

STATUS_LINES = {
    "be": {
        "idea": "Пакуль гэта ідэя: шукаем суседзяў, якім яна таксама патрэбная.",
        "planning": "Зараз плануем: узгадняем праект і лічым каштарыс.",
        "in_progress": "Праца ідзе, навіны будзем пісаць тут.",
        "done": "Зроблена! Дзякуй усім, хто дапамагаў. Цяпер сочым, каб усё заставалася ў парадку.",
        "paused": "Праект на паўзе: чакаем адказу гарадскіх службаў і цёплага надвор'я.",
    },
    "ru": {
        "idea": "Пока это идея: ищем соседей, которым она тоже нужна.",
        "planning": "Сейчас планируем: согласовываем проект и считаем смету.",
        "in_progress": "Работа идёт, новости будем писать здесь.",
        "done": "Сделано! Спасибо всем, кто помогал. Теперь следим, чтобы всё оставалось в порядке.",
        "paused": "Проект на паузе: ждём ответа городских служб и тёплой погоды.",
    },
    "en": {
        "idea": "For now this is an idea: we are looking for neighbours who want it too.",
        "planning": "We are planning: getting approvals and working out a budget.",
        "in_progress": "Work is under way; we will post updates here.",
        "done": "Done! Thank you to everyone who helped. Now we make sure it stays in good shape.",
        "paused": "On hold while we wait for the city services to reply and for warmer weather.",
    },
}
