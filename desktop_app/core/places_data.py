"""Tables of places: country names and aliases, regions per country, cities that name their country."""

from __future__ import annotations

COUNTRY_NAMES: dict[str, str] = {
    "AE": "United Arab Emirates", "AR": "Argentina", "AT": "Austria", "AU": "Australia",
    "BE": "Belgium", "BG": "Bulgaria", "BR": "Brazil", "CA": "Canada", "CH": "Switzerland",
    "CL": "Chile", "CN": "China", "CO": "Colombia", "CR": "Costa Rica", "CY": "Cyprus",
    "CZ": "Czechia", "DE": "Germany", "DK": "Denmark", "EE": "Estonia", "EG": "Egypt",
    "ES": "Spain", "FI": "Finland", "FR": "France", "GB": "United Kingdom", "GR": "Greece",
    "HK": "Hong Kong", "HR": "Croatia", "HU": "Hungary", "ID": "Indonesia", "IE": "Ireland",
    "IL": "Israel", "IN": "India", "IT": "Italy", "JP": "Japan", "KE": "Kenya",
    "KR": "South Korea", "LT": "Lithuania", "LU": "Luxembourg", "LV": "Latvia", "MA": "Morocco",
    "MT": "Malta", "MX": "Mexico", "MY": "Malaysia", "NG": "Nigeria", "NL": "Netherlands",
    "NO": "Norway", "NZ": "New Zealand", "PE": "Peru", "PH": "Philippines", "PK": "Pakistan",
    "PL": "Poland", "PT": "Portugal", "RO": "Romania", "RS": "Serbia", "SA": "Saudi Arabia",
    "SE": "Sweden", "SG": "Singapore", "SI": "Slovenia", "SK": "Slovakia", "TH": "Thailand",
    "TR": "Türkiye", "TW": "Taiwan", "UA": "Ukraine", "US": "United States", "UY": "Uruguay",
    "VN": "Vietnam", "ZA": "South Africa",
}  # fmt: skip

COUNTRY_ALIASES: dict[str, str] = {name.casefold(): code for code, name in COUNTRY_NAMES.items()}
COUNTRY_ALIASES.update({
    "us": "US", "usa": "US", "u s": "US", "u s a": "US", "united states of america": "US",
    "america": "US", "uk": "GB", "great britain": "GB", "britain": "GB", "england": "GB",
    "scotland": "GB", "wales": "GB", "northern ireland": "GB", "deutschland": "DE",
    "españa": "ES", "espana": "ES", "brasil": "BR", "méxico": "MX", "schweiz": "CH",
    "suisse": "CH", "österreich": "AT", "osterreich": "AT", "nederland": "NL", "holland": "NL",
    "the netherlands": "NL", "polska": "PL", "italia": "IT", "viet nam": "VN", "việt nam": "VN",
    "turkey": "TR", "turkiye": "TR", "czech republic": "CZ", "korea": "KR",
    "republic of korea": "KR", "uae": "AE", "sverige": "SE", "danmark": "DK", "norge": "NO",
    "suomi": "FI", "ireland (republic of)": "IE", "republic of ireland": "IE", "nippon": "JP",
    "india (remote)": "IN", "hongkong": "HK", "ksa": "SA",
})  # fmt: skip

US_STATES: dict[str, str] = {
    "AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas", "CA": "California",
    "CO": "Colorado", "CT": "Connecticut", "DE": "Delaware", "FL": "Florida", "GA": "Georgia",
    "HI": "Hawaii", "ID": "Idaho", "IL": "Illinois", "IN": "Indiana", "IA": "Iowa",
    "KS": "Kansas", "KY": "Kentucky", "LA": "Louisiana", "ME": "Maine", "MD": "Maryland",
    "MA": "Massachusetts", "MI": "Michigan", "MN": "Minnesota", "MS": "Mississippi",
    "MO": "Missouri", "MT": "Montana", "NE": "Nebraska", "NV": "Nevada", "NH": "New Hampshire",
    "NJ": "New Jersey", "NM": "New Mexico", "NY": "New York", "NC": "North Carolina",
    "ND": "North Dakota", "OH": "Ohio", "OK": "Oklahoma", "OR": "Oregon", "PA": "Pennsylvania",
    "RI": "Rhode Island", "SC": "South Carolina", "SD": "South Dakota", "TN": "Tennessee",
    "TX": "Texas", "UT": "Utah", "VT": "Vermont", "VA": "Virginia", "WA": "Washington",
    "WV": "West Virginia", "WI": "Wisconsin", "WY": "Wyoming", "DC": "District of Columbia",
    "PR": "Puerto Rico",
}  # fmt: skip
CA_PROVINCES: dict[str, str] = {
    "AB": "Alberta", "BC": "British Columbia", "MB": "Manitoba", "NB": "New Brunswick",
    "NL": "Newfoundland and Labrador", "NS": "Nova Scotia", "ON": "Ontario",
    "PE": "Prince Edward Island", "QC": "Quebec", "SK": "Saskatchewan",
    "NT": "Northwest Territories", "NU": "Nunavut", "YT": "Yukon",
}  # fmt: skip
AU_STATES: dict[str, str] = {
    "NSW": "New South Wales", "VIC": "Victoria", "QLD": "Queensland", "WA": "Western Australia",
    "SA": "South Australia", "TAS": "Tasmania", "ACT": "Australian Capital Territory",
    "NT": "Northern Territory",
}  # fmt: skip
# Regions known by name only: no code is read for them, the name is kept as written.
DE_STATES = {n: n for n in (
    "Baden-Württemberg", "Bayern", "Bavaria", "Berlin", "Brandenburg", "Bremen", "Hamburg", "Hessen",
    "Hesse", "Niedersachsen", "Lower Saxony", "Mecklenburg-Vorpommern", "Nordrhein-Westfalen",
    "North Rhine-Westphalia", "Rheinland-Pfalz", "Saarland", "Sachsen", "Saxony", "Sachsen-Anhalt",
    "Schleswig-Holstein", "Thüringen", "Thuringia",
)}  # fmt: skip
IN_STATES = {n: n for n in (
    "Karnataka", "Maharashtra", "Tamil Nadu", "Telangana", "Delhi", "Haryana", "Uttar Pradesh",
    "Gujarat", "Kerala", "West Bengal", "Rajasthan", "Andhra Pradesh", "Punjab",
)}  # fmt: skip
GB_NATIONS = {n: n for n in ("England", "Scotland", "Wales", "Northern Ireland", "Greater London")}

REGIONS: dict[str, dict[str, str]] = {
    "US": US_STATES, "CA": CA_PROVINCES, "AU": AU_STATES, "DE": DE_STATES, "IN": IN_STATES,
    "GB": GB_NATIONS,
}  # fmt: skip

# Cities whose name settles the country when a two-letter code could be a region as well:
# "Berlin, DE" is Germany (not Delaware), "Perth, WA" is Western Australia.
CITY_COUNTRY: dict[str, str] = {
    "london": "GB", "manchester": "GB", "edinburgh": "GB", "glasgow": "GB", "bristol": "GB",
    "cambridge": "GB", "oxford": "GB", "leeds": "GB", "belfast": "GB", "dublin": "IE",
    "cork": "IE", "berlin": "DE", "munich": "DE", "münchen": "DE", "hamburg": "DE",
    "frankfurt": "DE", "cologne": "DE", "köln": "DE", "stuttgart": "DE", "paris": "FR",
    "lyon": "FR", "amsterdam": "NL", "rotterdam": "NL", "madrid": "ES", "barcelona": "ES",
    "lisbon": "PT", "porto": "PT", "milan": "IT", "rome": "IT", "zurich": "CH", "zürich": "CH",
    "geneva": "CH", "vienna": "AT", "wien": "AT", "stockholm": "SE", "copenhagen": "DK",
    "oslo": "NO", "helsinki": "FI", "warsaw": "PL", "krakow": "PL", "kraków": "PL",
    "prague": "CZ", "budapest": "HU", "bucharest": "RO", "athens": "GR", "tel aviv": "IL",
    "bangalore": "IN", "bengaluru": "IN", "mumbai": "IN", "pune": "IN", "hyderabad": "IN",
    "chennai": "IN", "new delhi": "IN", "gurgaon": "IN", "gurugram": "IN", "noida": "IN",
    "singapore": "SG", "tokyo": "JP", "osaka": "JP", "seoul": "KR", "sydney": "AU",
    "melbourne": "AU", "brisbane": "AU", "perth": "AU", "adelaide": "AU", "auckland": "NZ",
    "wellington": "NZ", "toronto": "CA", "montreal": "CA", "montréal": "CA", "ottawa": "CA",
    "calgary": "CA", "edmonton": "CA", "waterloo": "CA", "são paulo": "BR", "sao paulo": "BR",
    "mexico city": "MX", "buenos aires": "AR", "bogotá": "CO", "bogota": "CO",
    "hanoi": "VN", "ho chi minh city": "VN", "hà nội": "VN", "manila": "PH", "jakarta": "ID",
    "bangkok": "TH", "taipei": "TW", "hong kong": "HK", "dubai": "AE", "cape town": "ZA",
    "new york": "US", "new york city": "US", "nyc": "US", "san francisco": "US", "seattle": "US",
    "boston": "US", "chicago": "US", "los angeles": "US", "austin": "US", "denver": "US",
    "johannesburg": "ZA", "nairobi": "KE", "lagos": "NG", "kyiv": "UA", "tallinn": "EE",
}  # fmt: skip

# Names of areas wider than a country: kept as written, never stored as a city.
AREAS = frozenset({
    "emea", "apac", "latam", "amer", "americas", "north america", "south america", "europe",
    "eu", "european union", "asia", "africa", "middle east", "worldwide", "global", "anywhere",
    "international", "multiple locations", "various locations", "hub cities", "nationwide",
    "world", "the world", "oceania", "nordics", "dach", "benelux", "uk&i", "cet", "est", "pst", "utc",
})  # fmt: skip
