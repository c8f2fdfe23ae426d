"""Hand-written tables that pycountry does not have: how news copy refers to a country.

Keys are ISO 3166-1 alpha-2 codes. pycountry supplies the formal names; these tables add the
short forms editors actually write ("Britain", "the US"), demonyms ("French"), capitals and large
cities that stand for a place ("Kyiv", "Mumbai"), and government metonyms ("the Kremlin").
Ambiguous words (Georgia, Jordan, Chad, Turkey-the-bird...) are handled by rules in
`countries.py`, not here. Spellings are matched case- and diacritic-insensitively.
"""

from __future__ import annotations

# Short and common names beyond pycountry's `name`, `common_name` and `official_name`.
SHORT_NAMES: dict[str, tuple[str, ...]] = {
    "US": ("US", "U.S.", "USA", "U.S.A.", "United States", "United States of America", "America", "the States"),
    "GB": ("UK", "U.K.", "Britain", "Great Britain", "United Kingdom"),
    "RU": ("Russia", "Russian Federation"),
    "KR": ("South Korea", "Korea", "Republic of Korea", "S. Korea"),
    "KP": ("North Korea", "N. Korea", "DPRK"),
    "IR": ("Iran",),
    "SY": ("Syria",),
    "VE": ("Venezuela",),
    "BO": ("Bolivia",),
    "TZ": ("Tanzania",),
    "MD": ("Moldova",),
    "TW": ("Taiwan",),
    "VN": ("Vietnam", "Viet Nam"),
    "LA": ("Laos",),
    "CZ": ("Czech Republic", "Czechia"),
    "CD": ("Democratic Republic of Congo", "Democratic Republic of the Congo", "DR Congo", "DRC", "Congo-Kinshasa", "Zaire"),
    "CG": ("Republic of Congo", "Congo-Brazzaville", "Congo"),
    "CI": ("Ivory Coast", "Cote d'Ivoire"),
    "PS": ("Palestine", "Palestinian Territories", "West Bank", "Gaza", "Gaza Strip"),
    "VA": ("Vatican", "Vatican City", "Holy See"),
    "MK": ("Macedonia", "North Macedonia", "FYROM"),
    "NL": ("Netherlands", "Holland", "the Netherlands"),
    "AE": ("UAE", "U.A.E.", "United Arab Emirates", "Emirates"),
    "BA": ("Bosnia", "Bosnia-Herzegovina", "Bosnia and Herzegovina"),
    "RS": ("Serbia", "Yugoslavia"),
    "MM": ("Myanmar", "Burma"),
    "TR": ("Turkey", "Turkiye", "Türkiye"),
    "CV": ("Cape Verde", "Cabo Verde"),
    "SZ": ("Swaziland", "Eswatini"),
    "TL": ("East Timor", "Timor-Leste"),
    "FM": ("Micronesia",),
    "BN": ("Brunei",),
    "CN": ("China", "PRC", "mainland China"),
    "PH": ("Philippines", "the Philippines"),
    "LY": ("Libya",),
    "SA": ("Saudi Arabia", "Saudi"),
    "NZ": ("New Zealand",),
    "ZA": ("South Africa",),
    "SS": ("South Sudan",),
    "DO": ("Dominican Republic",),
    "CF": ("Central African Republic", "CAR"),
    "XK": ("Kosovo",),
}

# Constituent nations and old names that count as a member state.
PARTS: dict[str, tuple[str, ...]] = {
    "GB": ("England", "Scotland", "Wales", "Northern Ireland", "Ulster"),
    "UA": ("Crimea",),
}

DEMONYMS: dict[str, tuple[str, ...]] = {
    "AF": ("Afghan", "Afghans"), "AL": ("Albanian", "Albanians"), "DZ": ("Algerian", "Algerians"),
    "AO": ("Angolan",), "AR": ("Argentine", "Argentinian", "Argentinians", "Argentines"),
    "AM": ("Armenian", "Armenians"), "AU": ("Australian", "Australians"), "AT": ("Austrian", "Austrians"),
    "AZ": ("Azerbaijani", "Azeri", "Azerbaijanis"), "BH": ("Bahraini",), "BD": ("Bangladeshi",),
    "BY": ("Belarusian", "Belarussian", "Belarusians"), "BE": ("Belgian", "Belgians"),
    "BO": ("Bolivian",), "BA": ("Bosnian", "Bosnians"), "BR": ("Brazilian", "Brazilians"),
    "BG": ("Bulgarian", "Bulgarians"), "KH": ("Cambodian",), "CM": ("Cameroonian",),
    "CA": ("Canadian", "Canadians"), "CL": ("Chilean", "Chileans"), "CN": ("Chinese",),
    "CO": ("Colombian", "Colombians"), "HR": ("Croatian", "Croat", "Croats"), "CU": ("Cuban", "Cubans"),
    "CY": ("Cypriot", "Cypriots"), "CZ": ("Czech", "Czechs"), "DK": ("Danish", "Dane", "Danes"),
    "DO": ("Dominican",), "EC": ("Ecuadorean", "Ecuadorian"), "EG": ("Egyptian", "Egyptians"),
    "SV": ("Salvadoran", "Salvadorean"), "EE": ("Estonian", "Estonians"), "ET": ("Ethiopian", "Ethiopians"),
    "FI": ("Finnish", "Finn", "Finns"), "FR": ("French", "Frenchman", "Frenchwoman"),
    "GE": ("Georgian", "Georgians"), "DE": ("German", "Germans"), "GH": ("Ghanaian", "Ghanaians"),
    "GR": ("Greek", "Greeks"), "GT": ("Guatemalan",), "HT": ("Haitian", "Haitians"),
    "HN": ("Honduran",), "HU": ("Hungarian", "Hungarians"), "IS": ("Icelandic", "Icelander"),
    "IN": ("Indian", "Indians"), "ID": ("Indonesian", "Indonesians"), "IR": ("Iranian", "Iranians"),
    "IQ": ("Iraqi", "Iraqis"), "IE": ("Irish",), "IL": ("Israeli", "Israelis"),
    "IT": ("Italian", "Italians"), "JM": ("Jamaican", "Jamaicans"), "JP": ("Japanese",),
    "JO": ("Jordanian", "Jordanians"), "KZ": ("Kazakh", "Kazakhstani"), "KE": ("Kenyan", "Kenyans"),
    "KW": ("Kuwaiti", "Kuwaitis"), "KG": ("Kyrgyz",), "LV": ("Latvian", "Latvians"),
    "LB": ("Lebanese",), "LY": ("Libyan", "Libyans"), "LT": ("Lithuanian", "Lithuanians"),
    "LU": ("Luxembourgish",), "MY": ("Malaysian", "Malaysians"), "MX": ("Mexican", "Mexicans"),
    "MD": ("Moldovan", "Moldovans"), "MN": ("Mongolian",), "ME": ("Montenegrin",),
    "MA": ("Moroccan", "Moroccans"), "MZ": ("Mozambican",), "MM": ("Burmese",),
    "NP": ("Nepali", "Nepalese"), "NL": ("Dutch", "Dutchman"), "NZ": ("New Zealander", "New Zealanders"),
    "NI": ("Nicaraguan",), "NG": ("Nigerian", "Nigerians"), "KP": ("North Korean", "North Koreans"),
    "NO": ("Norwegian", "Norwegians"), "OM": ("Omani",), "PK": ("Pakistani", "Pakistanis"),
    "PS": ("Palestinian", "Palestinians"), "PA": ("Panamanian",), "PY": ("Paraguayan",),
    "PE": ("Peruvian", "Peruvians"), "PH": ("Filipino", "Philippine", "Filipinos"), "PL": ("Polish", "Pole", "Poles"),
    "PT": ("Portuguese",), "QA": ("Qatari", "Qataris"), "RO": ("Romanian", "Romanians"),
    "RU": ("Russian", "Russians"), "RW": ("Rwandan", "Rwandans"), "SA": ("Saudi", "Saudis"),
    "SN": ("Senegalese",), "RS": ("Serbian", "Serb", "Serbs", "Yugoslav"), "SG": ("Singaporean",),
    "SK": ("Slovak", "Slovakian", "Slovaks"), "SI": ("Slovenian", "Slovene", "Slovenes"),
    "SO": ("Somali", "Somalis"), "ZA": ("South African", "South Africans"),
    "KR": ("South Korean", "South Koreans"), "ES": ("Spanish", "Spaniard", "Spaniards"),
    "LK": ("Sri Lankan", "Sri Lankans"), "SD": ("Sudanese",), "SE": ("Swedish", "Swede", "Swedes"),
    "CH": ("Swiss",), "SY": ("Syrian", "Syrians"), "TW": ("Taiwanese",), "TJ": ("Tajik",),
    "TZ": ("Tanzanian",), "TH": ("Thai",), "TN": ("Tunisian", "Tunisians"), "TR": ("Turkish", "Turk", "Turks"),
    "TM": ("Turkmen",), "UG": ("Ugandan", "Ugandans"), "UA": ("Ukrainian", "Ukrainians"),
    "AE": ("Emirati", "Emiratis"), "GB": ("British", "Briton", "Britons", "English", "Scottish", "Scot", "Scots", "Welsh"),
    "US": ("American", "Americans"), "UY": ("Uruguayan", "Uruguayans"), "UZ": ("Uzbek", "Uzbeks"),
    "VE": ("Venezuelan", "Venezuelans"), "VN": ("Vietnamese",), "YE": ("Yemeni", "Yemenis"),
    "ZM": ("Zambian",), "ZW": ("Zimbabwean", "Zimbabweans"), "SL": ("Sierra Leonean",),
    "LR": ("Liberian", "Liberians"), "CD": ("Congolese",), "SS": ("South Sudanese",), "ER": ("Eritrean",),
    "ML": ("Malian",), "NE": ("Nigerien",), "BF": ("Burkinabe",), "CR": ("Costa Rican",),
}

# Capitals and large cities that, standing alone as a place, point at one country.
CITIES: dict[str, tuple[str, ...]] = {
    "AF": ("Kabul", "Kandahar"), "AL": ("Tirana",), "DZ": ("Algiers",), "AO": ("Luanda",),
    "AR": ("Buenos Aires",), "AM": ("Yerevan",), "AU": ("Canberra", "Sydney", "Melbourne", "Brisbane", "Perth", "Adelaide"),
    "AT": ("Vienna", "Salzburg"), "AZ": ("Baku",), "BH": ("Manama",), "BD": ("Dhaka",),
    "BY": ("Minsk",), "BE": ("Brussels", "Antwerp"), "BA": ("Sarajevo",), "BR": ("Brasilia", "Sao Paulo", "Rio de Janeiro"),
    "BG": ("Sofia",), "KH": ("Phnom Penh",), "CA": ("Ottawa", "Toronto", "Montreal", "Vancouver"),
    "CL": ("Santiago",), "CN": ("Beijing", "Peking", "Shanghai", "Guangzhou", "Shenzhen", "Wuhan"),
    "HK": ("Hong Kong",), "CO": ("Bogota",), "HR": ("Zagreb",), "CU": ("Havana",), "CY": ("Nicosia",),
    "CZ": ("Prague",), "DK": ("Copenhagen",), "EG": ("Cairo", "Alexandria"), "EE": ("Tallinn",),
    "ET": ("Addis Ababa",), "FI": ("Helsinki",), "FR": ("Paris", "Marseille", "Lyon", "Strasbourg", "Nice"),
    "GE": ("Tbilisi",), "DE": ("Berlin", "Bonn", "Munich", "Frankfurt", "Hamburg", "Cologne"),
    "GH": ("Accra",), "GR": ("Athens",), "HU": ("Budapest",), "IS": ("Reykjavik",),
    "IN": ("New Delhi", "Delhi", "Mumbai", "Bombay", "Kolkata", "Calcutta", "Bangalore", "Chennai"),
    "ID": ("Jakarta",), "IR": ("Tehran",), "IQ": ("Baghdad", "Basra", "Mosul"), "IE": ("Dublin",),
    "IL": ("Jerusalem", "Tel Aviv"), "IT": ("Rome", "Milan", "Naples", "Turin", "Venice", "Florence"),
    "JP": ("Tokyo", "Osaka", "Kyoto"), "JO": ("Amman",), "KZ": ("Astana", "Almaty"), "KE": ("Nairobi",),
    "KW": ("Kuwait City",), "KG": ("Bishkek",), "LV": ("Riga",), "LB": ("Beirut",), "LY": ("Tripoli", "Benghazi"),
    "LT": ("Vilnius",), "MY": ("Kuala Lumpur",), "MX": ("Mexico City",), "MD": ("Chisinau",),
    "MA": ("Rabat", "Casablanca"), "MM": ("Yangon", "Rangoon", "Naypyidaw"), "NP": ("Kathmandu",),
    "NL": ("Amsterdam", "The Hague", "Rotterdam"), "NZ": ("Wellington", "Auckland"), "NG": ("Abuja", "Lagos"),
    "KP": ("Pyongyang",), "NO": ("Oslo",), "PK": ("Islamabad", "Karachi", "Lahore"), "PE": ("Lima",),
    "PH": ("Manila",), "PL": ("Warsaw", "Krakow"), "PT": ("Lisbon",), "QA": ("Doha",),
    "RO": ("Bucharest",), "RU": ("Moscow", "St Petersburg", "Saint Petersburg", "St. Petersburg"),
    "RW": ("Kigali",), "SA": ("Riyadh", "Jeddah"), "SN": ("Dakar",), "RS": ("Belgrade",),
    "SG": ("Singapore",), "SK": ("Bratislava",), "SI": ("Ljubljana",), "SO": ("Mogadishu",),
    "ZA": ("Pretoria", "Johannesburg", "Cape Town"), "KR": ("Seoul",), "ES": ("Madrid", "Barcelona"),
    "LK": ("Colombo",), "SD": ("Khartoum",), "SE": ("Stockholm",), "CH": ("Bern", "Zurich", "Geneva"),
    "SY": ("Damascus", "Aleppo"), "TW": ("Taipei",), "TH": ("Bangkok",), "TN": ("Tunis",),
    "TR": ("Ankara", "Istanbul"), "UA": ("Kiev", "Kyiv", "Kharkiv", "Kharkov", "Odesa", "Odessa", "Lviv"),
    "AE": ("Abu Dhabi", "Dubai"), "GB": ("London", "Manchester", "Birmingham", "Edinburgh", "Glasgow", "Cardiff", "Belfast", "Liverpool"),
    "US": ("Washington", "New York", "Los Angeles", "Chicago", "San Francisco", "Boston", "Houston", "Miami", "Seattle"),
    "UY": ("Montevideo",), "UZ": ("Tashkent",), "VE": ("Caracas",), "VN": ("Hanoi", "Ho Chi Minh City", "Saigon"),
    "YE": ("Sanaa", "Aden"), "ZW": ("Harare",), "ZM": ("Lusaka",), "UG": ("Kampala",), "TZ": ("Dar es Salaam", "Dodoma"),
    "CD": ("Kinshasa",), "PS": ("Ramallah", "Bethlehem", "Gaza City", "Rafah", "Jenin", "Nablus", "Hebron"),
    "AR_": (),
}
CITIES.pop("AR_")

# Seats of government that stand for the government (and so the country) in news copy.
METONYMS: dict[str, tuple[str, ...]] = {
    "RU": ("Kremlin",),
    "GB": ("Downing Street", "Number 10", "No 10", "Whitehall"),
    "US": ("White House", "Pentagon", "Capitol Hill", "State Department", "Foggy Bottom"),
    "FR": ("Elysee", "Élysée", "Elysee Palace", "Quai d'Orsay"),
    "CN": ("Zhongnanhai",),
    "DE": ("Bundestag", "Chancellery"),
    "JP": ("Kantei",),
    "KR": ("Blue House",),
    "UA": ("Bankova",),
    "VA": ("Holy See",),
}

# Names that are both a country and something else; resolved by context in countries.py.
AMBIGUOUS_COUNTRY_NAMES = frozenset({"georgia", "jordan", "chad", "turkey", "niger", "guinea"})

US_STATES = (
    "Alabama", "Alaska", "Arizona", "Arkansas", "California", "Colorado", "Connecticut", "Delaware",
    "Florida", "Georgia", "Hawaii", "Idaho", "Illinois", "Indiana", "Iowa", "Kansas", "Kentucky",
    "Louisiana", "Maine", "Maryland", "Massachusetts", "Michigan", "Minnesota", "Mississippi",
    "Missouri", "Montana", "Nebraska", "Nevada", "New Hampshire", "New Jersey", "New Mexico",
    "New York", "North Carolina", "North Dakota", "Ohio", "Oklahoma", "Oregon", "Pennsylvania",
    "Rhode Island", "South Carolina", "South Dakota", "Tennessee", "Texas", "Utah", "Vermont",
    "Virginia", "Washington", "West Virginia", "Wisconsin", "Wyoming",
)

# Words around "Georgia" that show the US state is meant.
US_STATE_CUES = frozenset({
    "atlanta", "savannah", "governor", "gov.", "state", "republican", "republicans", "democrat",
    "democrats", "senate", "senator", "county", "u.s.", "us", "american", "kemp", "raffensperger",
})
# Words around "Georgia" that show the country is meant.
GEORGIA_COUNTRY_CUES = frozenset({"tbilisi", "georgian", "georgians", "caucasus", "abkhazia", "ossetia", "russia", "moscow"})
