"""The smart-village themes and training topics named by the "Sumanaus kaimo link" project."""

THEMES = [
    # (slug, kind, Lithuanian, English)
    (
        "digital-skills",
        "smart_village",
        "Kaimo gyventojų skaitmeniniai įgūdžiai",
        "Digital skills of rural residents",
    ),
    (
        "social-services",
        "smart_village",
        "Socialinių ir kitų paslaugų prieinamumas",
        "Access to social and other services",
    ),
    ("renewable-energy", "smart_village", "Atsinaujinanti energija", "Renewable energy"),
    (
        "short-supply-chains",
        "smart_village",
        "Trumposios maisto tiekimo grandinės",
        "Short food supply chains",
    ),
    (
        "circular-economy",
        "smart_village",
        "Žiedinė ekonomika: ūkio ir maisto atliekos",
        "Circular economy for farm and food waste",
    ),
    (
        "rural-jobs",
        "smart_village",
        "Verslo galimybės ir darbo vietos kaime",
        "Business opportunities and rural jobs",
    ),
    (
        "heritage-tourism",
        "smart_village",
        "Vietos kultūros paveldas turizmui",
        "Local cultural heritage for tourism",
    ),
    ("management", "training_topic", "Vadyba", "Management"),
    ("marketing", "training_topic", "Rinkodara", "Marketing"),
    ("social-innovation", "training_topic", "Socialinės inovacijos", "Social innovation"),
    ("local-identity", "training_topic", "Vietos identitetas", "Local identity"),
    ("internet-marketing", "training_topic", "Internetinis marketingas", "Internet marketing"),
]
