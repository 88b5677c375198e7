// The gazetteer Assay ships: places, the names they go by in English text, and the country each names.
//
// Sources:
// - Regions: UN Statistics Division, "Standard country or area codes for statistical use" (M49),
//   https://unstats.un.org/unsd/methodology/m49/ — region, sub-region and intermediate region of every
//   country or area. The `subregion` column is the M49 intermediate region where M49 has one for the
//   country (Sub-Saharan Africa → Eastern, Middle, Southern and Western Africa; Latin America and the
//   Caribbean → Caribbean, Central America and South America) and the M49 sub-region otherwise
//   (Northern Africa, Northern America, the four Asian and four European sub-regions besides Central
//   Asia, and Oceania's four); the Channel Islands intermediate region is not used (Jersey and Guernsey
//   are Northern Europe). That gives 22 subregions.
// - Continents: the M49 region, with the Americas split in two: Northern America, Central America and
//   the Caribbean → North America, South America → South America. So Russia is in Europe and Turkey,
//   Cyprus, Georgia, Armenia and Azerbaijan (M49 Western Asia) are in Asia.
// - Codes: ISO 3166-1 alpha-2; Kosovo, which has none, has the user-assigned XK that the European
//   Commission and most data sets use. Taiwan and Kosovo, absent from M49, take the subregion of their
//   neighbours (Eastern Asia, Southern Europe).
// - Names, capitals, cities, demonyms and aliases: the author's own knowledge of English usage. Cities are
//   the world's largest by population and the places news reports name; a name that is usually something
//   else (Victoria, Hamilton, Nice, Reading, Darwin, Stanley, Douglas) is left out, or written so it cannot
//   be (the capital of Seychelles is the row "Victoria, Seychelles").
//
// Columns (tab-separated): kind, name as written in text, ISO 3166-1 alpha-2 code of the country it
// names; for country and territory rows also the English name, the continent and the subregion. Kinds:
// `country` (the 193 UN member states), `territory` (places with their own code that are not members:
// the observer states Palestine and Vatican City, Taiwan, Kosovo, Western Sahara, special administrative
// regions, dependencies and overseas regions — a mention of one counts for it, not for the state it
// belongs to), `capital`, `city`, `us_state` (the 50 states and the District of Columbia), `demonym`
// (adjectives and nouns for people; plurals are derived, see `Gazetteer`) and `alias` (short, former,
// formal and unaccented names, and parts of a country: England, Scotland, Wales → GB).
// Accented names have their unaccented spelling as a row of the same kind (an alias for countries), except
// Malé, Réunion and San José, whose unaccented spellings are a word or another place ("San Jose" is the
// Californian city). Names beginning "Saint " also have their "St." and "St" forms. Lines starting with
// "#" and blank lines are comments.

/// The gazetteer's rows as TSV, parsed once by `Gazetteer.standard`.
enum GazetteerData {
    static let tsv = """
        kind	name	country	country_name	continent	subregion

        # UN member states, by M49 region
        country	Algeria	DZ	Algeria	Africa	Northern Africa
        country	Egypt	EG	Egypt	Africa	Northern Africa
        country	Libya	LY	Libya	Africa	Northern Africa
        country	Morocco	MA	Morocco	Africa	Northern Africa
        country	Sudan	SD	Sudan	Africa	Northern Africa
        country	Tunisia	TN	Tunisia	Africa	Northern Africa
        country	Burundi	BI	Burundi	Africa	Eastern Africa
        country	Comoros	KM	Comoros	Africa	Eastern Africa
        country	Djibouti	DJ	Djibouti	Africa	Eastern Africa
        country	Eritrea	ER	Eritrea	Africa	Eastern Africa
        country	Ethiopia	ET	Ethiopia	Africa	Eastern Africa
        country	Kenya	KE	Kenya	Africa	Eastern Africa
        country	Madagascar	MG	Madagascar	Africa	Eastern Africa
        country	Malawi	MW	Malawi	Africa	Eastern Africa
        country	Mauritius	MU	Mauritius	Africa	Eastern Africa
        country	Mozambique	MZ	Mozambique	Africa	Eastern Africa
        country	Rwanda	RW	Rwanda	Africa	Eastern Africa
        country	Seychelles	SC	Seychelles	Africa	Eastern Africa
        country	Somalia	SO	Somalia	Africa	Eastern Africa
        country	South Sudan	SS	South Sudan	Africa	Eastern Africa
        country	Uganda	UG	Uganda	Africa	Eastern Africa
        country	Tanzania	TZ	Tanzania	Africa	Eastern Africa
        country	Zambia	ZM	Zambia	Africa	Eastern Africa
        country	Zimbabwe	ZW	Zimbabwe	Africa	Eastern Africa
        country	Angola	AO	Angola	Africa	Middle Africa
        country	Cameroon	CM	Cameroon	Africa	Middle Africa
        country	Central African Republic	CF	Central African Republic	Africa	Middle Africa
        country	Chad	TD	Chad	Africa	Middle Africa
        country	Republic of the Congo	CG	Republic of the Congo	Africa	Middle Africa
        country	Democratic Republic of the Congo	CD	Democratic Republic of the Congo	Africa	Middle Africa
        country	Equatorial Guinea	GQ	Equatorial Guinea	Africa	Middle Africa
        country	Gabon	GA	Gabon	Africa	Middle Africa
        country	São Tomé and Príncipe	ST	São Tomé and Príncipe	Africa	Middle Africa
        country	Botswana	BW	Botswana	Africa	Southern Africa
        country	Eswatini	SZ	Eswatini	Africa	Southern Africa
        country	Lesotho	LS	Lesotho	Africa	Southern Africa
        country	Namibia	NA	Namibia	Africa	Southern Africa
        country	South Africa	ZA	South Africa	Africa	Southern Africa
        country	Benin	BJ	Benin	Africa	Western Africa
        country	Burkina Faso	BF	Burkina Faso	Africa	Western Africa
        country	Cabo Verde	CV	Cabo Verde	Africa	Western Africa
        country	Côte d'Ivoire	CI	Côte d'Ivoire	Africa	Western Africa
        country	Gambia	GM	Gambia	Africa	Western Africa
        country	Ghana	GH	Ghana	Africa	Western Africa
        country	Guinea	GN	Guinea	Africa	Western Africa
        country	Guinea-Bissau	GW	Guinea-Bissau	Africa	Western Africa
        country	Liberia	LR	Liberia	Africa	Western Africa
        country	Mali	ML	Mali	Africa	Western Africa
        country	Mauritania	MR	Mauritania	Africa	Western Africa
        country	Niger	NE	Niger	Africa	Western Africa
        country	Nigeria	NG	Nigeria	Africa	Western Africa
        country	Senegal	SN	Senegal	Africa	Western Africa
        country	Sierra Leone	SL	Sierra Leone	Africa	Western Africa
        country	Togo	TG	Togo	Africa	Western Africa
        country	Canada	CA	Canada	North America	Northern America
        country	United States	US	United States	North America	Northern America
        country	Antigua and Barbuda	AG	Antigua and Barbuda	North America	Caribbean
        country	Bahamas	BS	Bahamas	North America	Caribbean
        country	Barbados	BB	Barbados	North America	Caribbean
        country	Cuba	CU	Cuba	North America	Caribbean
        country	Dominica	DM	Dominica	North America	Caribbean
        country	Dominican Republic	DO	Dominican Republic	North America	Caribbean
        country	Grenada	GD	Grenada	North America	Caribbean
        country	Haiti	HT	Haiti	North America	Caribbean
        country	Jamaica	JM	Jamaica	North America	Caribbean
        country	Saint Kitts and Nevis	KN	Saint Kitts and Nevis	North America	Caribbean
        country	Saint Lucia	LC	Saint Lucia	North America	Caribbean
        country	Saint Vincent and the Grenadines	VC	Saint Vincent and the Grenadines	North America	Caribbean
        country	Trinidad and Tobago	TT	Trinidad and Tobago	North America	Caribbean
        country	Belize	BZ	Belize	North America	Central America
        country	Costa Rica	CR	Costa Rica	North America	Central America
        country	El Salvador	SV	El Salvador	North America	Central America
        country	Guatemala	GT	Guatemala	North America	Central America
        country	Honduras	HN	Honduras	North America	Central America
        country	Mexico	MX	Mexico	North America	Central America
        country	Nicaragua	NI	Nicaragua	North America	Central America
        country	Panama	PA	Panama	North America	Central America
        country	Argentina	AR	Argentina	South America	South America
        country	Bolivia	BO	Bolivia	South America	South America
        country	Brazil	BR	Brazil	South America	South America
        country	Chile	CL	Chile	South America	South America
        country	Colombia	CO	Colombia	South America	South America
        country	Ecuador	EC	Ecuador	South America	South America
        country	Guyana	GY	Guyana	South America	South America
        country	Paraguay	PY	Paraguay	South America	South America
        country	Peru	PE	Peru	South America	South America
        country	Suriname	SR	Suriname	South America	South America
        country	Uruguay	UY	Uruguay	South America	South America
        country	Venezuela	VE	Venezuela	South America	South America
        country	Kazakhstan	KZ	Kazakhstan	Asia	Central Asia
        country	Kyrgyzstan	KG	Kyrgyzstan	Asia	Central Asia
        country	Tajikistan	TJ	Tajikistan	Asia	Central Asia
        country	Turkmenistan	TM	Turkmenistan	Asia	Central Asia
        country	Uzbekistan	UZ	Uzbekistan	Asia	Central Asia
        country	China	CN	China	Asia	Eastern Asia
        country	Japan	JP	Japan	Asia	Eastern Asia
        country	Mongolia	MN	Mongolia	Asia	Eastern Asia
        country	North Korea	KP	North Korea	Asia	Eastern Asia
        country	South Korea	KR	South Korea	Asia	Eastern Asia
        country	Brunei	BN	Brunei	Asia	South-eastern Asia
        country	Cambodia	KH	Cambodia	Asia	South-eastern Asia
        country	Indonesia	ID	Indonesia	Asia	South-eastern Asia
        country	Laos	LA	Laos	Asia	South-eastern Asia
        country	Malaysia	MY	Malaysia	Asia	South-eastern Asia
        country	Myanmar	MM	Myanmar	Asia	South-eastern Asia
        country	Philippines	PH	Philippines	Asia	South-eastern Asia
        country	Singapore	SG	Singapore	Asia	South-eastern Asia
        country	Thailand	TH	Thailand	Asia	South-eastern Asia
        country	Timor-Leste	TL	Timor-Leste	Asia	South-eastern Asia
        country	Vietnam	VN	Vietnam	Asia	South-eastern Asia
        country	Afghanistan	AF	Afghanistan	Asia	Southern Asia
        country	Bangladesh	BD	Bangladesh	Asia	Southern Asia
        country	Bhutan	BT	Bhutan	Asia	Southern Asia
        country	India	IN	India	Asia	Southern Asia
        country	Iran	IR	Iran	Asia	Southern Asia
        country	Maldives	MV	Maldives	Asia	Southern Asia
        country	Nepal	NP	Nepal	Asia	Southern Asia
        country	Pakistan	PK	Pakistan	Asia	Southern Asia
        country	Sri Lanka	LK	Sri Lanka	Asia	Southern Asia
        country	Armenia	AM	Armenia	Asia	Western Asia
        country	Azerbaijan	AZ	Azerbaijan	Asia	Western Asia
        country	Bahrain	BH	Bahrain	Asia	Western Asia
        country	Cyprus	CY	Cyprus	Asia	Western Asia
        country	Georgia	GE	Georgia	Asia	Western Asia
        country	Iraq	IQ	Iraq	Asia	Western Asia
        country	Israel	IL	Israel	Asia	Western Asia
        country	Jordan	JO	Jordan	Asia	Western Asia
        country	Kuwait	KW	Kuwait	Asia	Western Asia
        country	Lebanon	LB	Lebanon	Asia	Western Asia
        country	Oman	OM	Oman	Asia	Western Asia
        country	Qatar	QA	Qatar	Asia	Western Asia
        country	Saudi Arabia	SA	Saudi Arabia	Asia	Western Asia
        country	Syria	SY	Syria	Asia	Western Asia
        country	Turkey	TR	Turkey	Asia	Western Asia
        country	United Arab Emirates	AE	United Arab Emirates	Asia	Western Asia
        country	Yemen	YE	Yemen	Asia	Western Asia
        country	Belarus	BY	Belarus	Europe	Eastern Europe
        country	Bulgaria	BG	Bulgaria	Europe	Eastern Europe
        country	Czechia	CZ	Czechia	Europe	Eastern Europe
        country	Hungary	HU	Hungary	Europe	Eastern Europe
        country	Poland	PL	Poland	Europe	Eastern Europe
        country	Moldova	MD	Moldova	Europe	Eastern Europe
        country	Romania	RO	Romania	Europe	Eastern Europe
        country	Russia	RU	Russia	Europe	Eastern Europe
        country	Slovakia	SK	Slovakia	Europe	Eastern Europe
        country	Ukraine	UA	Ukraine	Europe	Eastern Europe
        country	Denmark	DK	Denmark	Europe	Northern Europe
        country	Estonia	EE	Estonia	Europe	Northern Europe
        country	Finland	FI	Finland	Europe	Northern Europe
        country	Iceland	IS	Iceland	Europe	Northern Europe
        country	Ireland	IE	Ireland	Europe	Northern Europe
        country	Latvia	LV	Latvia	Europe	Northern Europe
        country	Lithuania	LT	Lithuania	Europe	Northern Europe
        country	Norway	NO	Norway	Europe	Northern Europe
        country	Sweden	SE	Sweden	Europe	Northern Europe
        country	United Kingdom	GB	United Kingdom	Europe	Northern Europe
        country	Albania	AL	Albania	Europe	Southern Europe
        country	Andorra	AD	Andorra	Europe	Southern Europe
        country	Bosnia and Herzegovina	BA	Bosnia and Herzegovina	Europe	Southern Europe
        country	Croatia	HR	Croatia	Europe	Southern Europe
        country	Greece	GR	Greece	Europe	Southern Europe
        country	Italy	IT	Italy	Europe	Southern Europe
        country	Malta	MT	Malta	Europe	Southern Europe
        country	Montenegro	ME	Montenegro	Europe	Southern Europe
        country	North Macedonia	MK	North Macedonia	Europe	Southern Europe
        country	Portugal	PT	Portugal	Europe	Southern Europe
        country	San Marino	SM	San Marino	Europe	Southern Europe
        country	Serbia	RS	Serbia	Europe	Southern Europe
        country	Slovenia	SI	Slovenia	Europe	Southern Europe
        country	Spain	ES	Spain	Europe	Southern Europe
        country	Austria	AT	Austria	Europe	Western Europe
        country	Belgium	BE	Belgium	Europe	Western Europe
        country	France	FR	France	Europe	Western Europe
        country	Germany	DE	Germany	Europe	Western Europe
        country	Liechtenstein	LI	Liechtenstein	Europe	Western Europe
        country	Luxembourg	LU	Luxembourg	Europe	Western Europe
        country	Monaco	MC	Monaco	Europe	Western Europe
        country	Netherlands	NL	Netherlands	Europe	Western Europe
        country	Switzerland	CH	Switzerland	Europe	Western Europe
        country	Australia	AU	Australia	Oceania	Australia and New Zealand
        country	New Zealand	NZ	New Zealand	Oceania	Australia and New Zealand
        country	Fiji	FJ	Fiji	Oceania	Melanesia
        country	Papua New Guinea	PG	Papua New Guinea	Oceania	Melanesia
        country	Solomon Islands	SB	Solomon Islands	Oceania	Melanesia
        country	Vanuatu	VU	Vanuatu	Oceania	Melanesia
        country	Kiribati	KI	Kiribati	Oceania	Micronesia
        country	Marshall Islands	MH	Marshall Islands	Oceania	Micronesia
        country	Micronesia	FM	Micronesia	Oceania	Micronesia
        country	Nauru	NR	Nauru	Oceania	Micronesia
        country	Palau	PW	Palau	Oceania	Micronesia
        country	Samoa	WS	Samoa	Oceania	Polynesia
        country	Tonga	TO	Tonga	Oceania	Polynesia
        country	Tuvalu	TV	Tuvalu	Oceania	Polynesia

        # Territories, observers and other places with their own code
        territory	Palestine	PS	Palestine	Asia	Western Asia
        territory	Vatican City	VA	Vatican City	Europe	Southern Europe
        territory	Taiwan	TW	Taiwan	Asia	Eastern Asia
        territory	Hong Kong	HK	Hong Kong	Asia	Eastern Asia
        territory	Macau	MO	Macau	Asia	Eastern Asia
        territory	Kosovo	XK	Kosovo	Europe	Southern Europe
        territory	Western Sahara	EH	Western Sahara	Africa	Northern Africa
        territory	Puerto Rico	PR	Puerto Rico	North America	Caribbean
        territory	Greenland	GL	Greenland	North America	Northern America
        territory	Bermuda	BM	Bermuda	North America	Northern America
        territory	Saint Pierre and Miquelon	PM	Saint Pierre and Miquelon	North America	Northern America
        territory	Guam	GU	Guam	Oceania	Micronesia
        territory	Northern Mariana Islands	MP	Northern Mariana Islands	Oceania	Micronesia
        territory	American Samoa	AS	American Samoa	Oceania	Polynesia
        territory	United States Virgin Islands	VI	United States Virgin Islands	North America	Caribbean
        territory	British Virgin Islands	VG	British Virgin Islands	North America	Caribbean
        territory	Anguilla	AI	Anguilla	North America	Caribbean
        territory	Cayman Islands	KY	Cayman Islands	North America	Caribbean
        territory	Turks and Caicos Islands	TC	Turks and Caicos Islands	North America	Caribbean
        territory	Montserrat	MS	Montserrat	North America	Caribbean
        territory	Aruba	AW	Aruba	North America	Caribbean
        territory	Curaçao	CW	Curaçao	North America	Caribbean
        territory	Sint Maarten	SX	Sint Maarten	North America	Caribbean
        territory	Caribbean Netherlands	BQ	Caribbean Netherlands	North America	Caribbean
        territory	Saint Martin	MF	Saint Martin	North America	Caribbean
        territory	Saint Barthélemy	BL	Saint Barthélemy	North America	Caribbean
        territory	Guadeloupe	GP	Guadeloupe	North America	Caribbean
        territory	Martinique	MQ	Martinique	North America	Caribbean
        territory	French Guiana	GF	French Guiana	South America	South America
        territory	Falkland Islands	FK	Falkland Islands	South America	South America
        territory	South Georgia and the South Sandwich Islands	GS	South Georgia and the South Sandwich Islands	South America	South America
        territory	Réunion	RE	Réunion	Africa	Eastern Africa
        territory	Mayotte	YT	Mayotte	Africa	Eastern Africa
        territory	British Indian Ocean Territory	IO	British Indian Ocean Territory	Africa	Eastern Africa
        territory	French Southern Territories	TF	French Southern Territories	Africa	Eastern Africa
        territory	Saint Helena	SH	Saint Helena	Africa	Western Africa
        territory	French Polynesia	PF	French Polynesia	Oceania	Polynesia
        territory	New Caledonia	NC	New Caledonia	Oceania	Melanesia
        territory	Wallis and Futuna	WF	Wallis and Futuna	Oceania	Polynesia
        territory	Cook Islands	CK	Cook Islands	Oceania	Polynesia
        territory	Niue	NU	Niue	Oceania	Polynesia
        territory	Tokelau	TK	Tokelau	Oceania	Polynesia
        territory	Pitcairn Islands	PN	Pitcairn Islands	Oceania	Polynesia
        territory	Norfolk Island	NF	Norfolk Island	Oceania	Australia and New Zealand
        territory	Christmas Island	CX	Christmas Island	Oceania	Australia and New Zealand
        territory	Cocos (Keeling) Islands	CC	Cocos (Keeling) Islands	Oceania	Australia and New Zealand
        territory	Gibraltar	GI	Gibraltar	Europe	Southern Europe
        territory	Faroe Islands	FO	Faroe Islands	Europe	Northern Europe
        territory	Åland Islands	AX	Åland Islands	Europe	Northern Europe
        territory	Svalbard and Jan Mayen	SJ	Svalbard and Jan Mayen	Europe	Northern Europe
        territory	Jersey	JE	Jersey	Europe	Northern Europe
        territory	Guernsey	GG	Guernsey	Europe	Northern Europe
        territory	Isle of Man	IM	Isle of Man	Europe	Northern Europe

        # Capitals (seats of government included where they differ)
        capital	Algiers	DZ
        capital	Cairo	EG
        capital	Tripoli	LY
        capital	Rabat	MA
        capital	Khartoum	SD
        capital	Tunis	TN
        capital	Gitega	BI
        capital	Moroni	KM
        capital	Djibouti	DJ
        capital	Asmara	ER
        capital	Addis Ababa	ET
        capital	Nairobi	KE
        capital	Antananarivo	MG
        capital	Lilongwe	MW
        capital	Port Louis	MU
        capital	Maputo	MZ
        capital	Kigali	RW
        capital	Victoria, Seychelles	SC
        capital	Mogadishu	SO
        capital	Juba	SS
        capital	Kampala	UG
        capital	Dodoma	TZ
        capital	Lusaka	ZM
        capital	Harare	ZW
        capital	Luanda	AO
        capital	Yaoundé	CM
        capital	Yaounde	CM
        capital	Bangui	CF
        capital	N'Djamena	TD
        capital	NDjamena	TD
        capital	Ndjamena	TD
        capital	Brazzaville	CG
        capital	Kinshasa	CD
        capital	Malabo	GQ
        capital	Libreville	GA
        capital	São Tomé	ST
        capital	Sao Tome	ST
        capital	Gaborone	BW
        capital	Mbabane	SZ
        capital	Lobamba	SZ
        capital	Maseru	LS
        capital	Windhoek	NA
        capital	Pretoria	ZA
        capital	Cape Town	ZA
        capital	Bloemfontein	ZA
        capital	Porto-Novo	BJ
        capital	Ouagadougou	BF
        capital	Praia	CV
        capital	Yamoussoukro	CI
        capital	Banjul	GM
        capital	Accra	GH
        capital	Conakry	GN
        capital	Bissau	GW
        capital	Monrovia	LR
        capital	Bamako	ML
        capital	Nouakchott	MR
        capital	Niamey	NE
        capital	Abuja	NG
        capital	Dakar	SN
        capital	Freetown	SL
        capital	Lomé	TG
        capital	Lome	TG
        capital	Ottawa	CA
        capital	Washington	US
        capital	Saint John's	AG
        capital	Nassau	BS
        capital	Bridgetown	BB
        capital	Havana	CU
        capital	Roseau	DM
        capital	Santo Domingo	DO
        capital	Saint George's	GD
        capital	St. George's	GD
        capital	St George's	GD
        capital	Port-au-Prince	HT
        capital	Kingston	JM
        capital	Basseterre	KN
        capital	Castries	LC
        capital	Kingstown	VC
        capital	Port of Spain	TT
        capital	Port-of-Spain	TT
        capital	Belmopan	BZ
        capital	San José	CR
        capital	San Salvador	SV
        capital	Guatemala City	GT
        capital	Tegucigalpa	HN
        capital	Mexico City	MX
        capital	Managua	NI
        capital	Panama City	PA
        capital	Buenos Aires	AR
        capital	Sucre	BO
        capital	La Paz	BO
        capital	Brasília	BR
        capital	Brasilia	BR
        capital	Santiago	CL
        capital	Bogotá	CO
        capital	Bogota	CO
        capital	Quito	EC
        capital	Georgetown	GY
        capital	Asunción	PY
        capital	Asuncion	PY
        capital	Lima	PE
        capital	Paramaribo	SR
        capital	Montevideo	UY
        capital	Caracas	VE
        capital	Astana	KZ
        capital	Nur-Sultan	KZ
        capital	Bishkek	KG
        capital	Dushanbe	TJ
        capital	Ashgabat	TM
        capital	Tashkent	UZ
        capital	Beijing	CN
        capital	Tokyo	JP
        capital	Ulaanbaatar	MN
        capital	Ulan Bator	MN
        capital	Pyongyang	KP
        capital	Seoul	KR
        capital	Bandar Seri Begawan	BN
        capital	Phnom Penh	KH
        capital	Jakarta	ID
        capital	Vientiane	LA
        capital	Kuala Lumpur	MY
        capital	Putrajaya	MY
        capital	Naypyidaw	MM
        capital	Nay Pyi Taw	MM
        capital	Manila	PH
        capital	Singapore	SG
        capital	Bangkok	TH
        capital	Dili	TL
        capital	Hanoi	VN
        capital	Kabul	AF
        capital	Dhaka	BD
        capital	Thimphu	BT
        capital	New Delhi	IN
        capital	Tehran	IR
        capital	Malé	MV
        capital	Kathmandu	NP
        capital	Islamabad	PK
        capital	Sri Jayawardenepura Kotte	LK
        capital	Yerevan	AM
        capital	Baku	AZ
        capital	Manama	BH
        capital	Nicosia	CY
        capital	Tbilisi	GE
        capital	Baghdad	IQ
        capital	Jerusalem	IL
        capital	Amman	JO
        capital	Kuwait City	KW
        capital	Beirut	LB
        capital	Muscat	OM
        capital	Doha	QA
        capital	Riyadh	SA
        capital	Damascus	SY
        capital	Ankara	TR
        capital	Abu Dhabi	AE
        capital	Sanaa	YE
        capital	Sana'a	YE
        capital	Minsk	BY
        capital	Sofia	BG
        capital	Prague	CZ
        capital	Budapest	HU
        capital	Warsaw	PL
        capital	Chișinău	MD
        capital	Chisinau	MD
        capital	Chişinău	MD
        capital	Bucharest	RO
        capital	Moscow	RU
        capital	Bratislava	SK
        capital	Kyiv	UA
        capital	Kiev	UA
        capital	Copenhagen	DK
        capital	Tallinn	EE
        capital	Helsinki	FI
        capital	Reykjavík	IS
        capital	Reykjavik	IS
        capital	Dublin	IE
        capital	Riga	LV
        capital	Vilnius	LT
        capital	Oslo	NO
        capital	Stockholm	SE
        capital	London	GB
        capital	Tirana	AL
        capital	Andorra la Vella	AD
        capital	Sarajevo	BA
        capital	Zagreb	HR
        capital	Athens	GR
        capital	Rome	IT
        capital	Valletta	MT
        capital	Podgorica	ME
        capital	Skopje	MK
        capital	Lisbon	PT
        capital	San Marino	SM
        capital	Belgrade	RS
        capital	Ljubljana	SI
        capital	Madrid	ES
        capital	Vienna	AT
        capital	Brussels	BE
        capital	Paris	FR
        capital	Berlin	DE
        capital	Vaduz	LI
        capital	Luxembourg	LU
        capital	Monaco	MC
        capital	Amsterdam	NL
        capital	Bern	CH
        capital	Berne	CH
        capital	Canberra	AU
        capital	Wellington	NZ
        capital	Suva	FJ
        capital	Port Moresby	PG
        capital	Honiara	SB
        capital	Port Vila	VU
        capital	South Tarawa	KI
        capital	Tarawa	KI
        capital	Majuro	MH
        capital	Palikir	FM
        capital	Yaren	NR
        capital	Ngerulmud	PW
        capital	Apia	WS
        capital	Nukuʻalofa	TO
        capital	Nuku'alofa	TO
        capital	Nukualofa	TO
        capital	Funafuti	TV
        capital	Ramallah	PS
        capital	East Jerusalem	PS
        capital	Vatican City	VA
        capital	Taipei	TW
        capital	Pristina	XK
        capital	Prishtina	XK
        capital	Laayoune	EH
        capital	El Aaiún	EH
        capital	El Aaiun	EH
        capital	San Juan	PR
        capital	Nuuk	GL
        capital	Saint-Pierre	PM
        capital	Hagåtña	GU
        capital	Hagatna	GU
        capital	Saipan	MP
        capital	Pago Pago	AS
        capital	Charlotte Amalie	VI
        capital	Road Town	VG
        capital	Cockburn Town	TC
        capital	Brades	MS
        capital	Oranjestad	AW
        capital	Willemstad	CW
        capital	Philipsburg	SX
        capital	Kralendijk	BQ
        capital	Marigot	MF
        capital	Gustavia	BL
        capital	Basse-Terre	GP
        capital	Fort-de-France	MQ
        capital	Mamoudzou	YT
        capital	Papeete	PF
        capital	Nouméa	NC
        capital	Noumea	NC
        capital	Mata-Utu	WF
        capital	Avarua	CK
        capital	Alofi	NU
        capital	Adamstown	PN
        capital	Flying Fish Cove	CX
        capital	Gibraltar	GI
        capital	Tórshavn	FO
        capital	Torshavn	FO
        capital	Mariehamn	AX
        capital	Longyearbyen	SJ
        capital	Saint Helier	JE
        capital	St. Helier	JE
        capital	St Helier	JE
        capital	Saint Peter Port	GG
        capital	St. Peter Port	GG
        capital	St Peter Port	GG

        # Major cities
        city	New York	US
        city	New York City	US
        city	Los Angeles	US
        city	Chicago	US
        city	Houston	US
        city	Phoenix	US
        city	Philadelphia	US
        city	San Antonio	US
        city	San Diego	US
        city	Dallas	US
        city	San Jose	US
        city	Austin	US
        city	Jacksonville	US
        city	Fort Worth	US
        city	Columbus	US
        city	Indianapolis	US
        city	San Francisco	US
        city	Seattle	US
        city	Denver	US
        city	Boston	US
        city	Nashville	US
        city	El Paso	US
        city	Detroit	US
        city	Oklahoma City	US
        city	Portland	US
        city	Las Vegas	US
        city	Memphis	US
        city	Louisville	US
        city	Baltimore	US
        city	Milwaukee	US
        city	Albuquerque	US
        city	Tucson	US
        city	Fresno	US
        city	Sacramento	US
        city	Kansas City	US
        city	Atlanta	US
        city	Miami	US
        city	Omaha	US
        city	Raleigh	US
        city	Minneapolis	US
        city	Tulsa	US
        city	Cleveland	US
        city	Tampa	US
        city	New Orleans	US
        city	Honolulu	US
        city	Anchorage	US
        city	Pittsburgh	US
        city	Cincinnati	US
        city	Saint Louis	US
        city	St. Louis	US
        city	St Louis	US
        city	Salt Lake City	US
        city	Orlando	US
        city	Newark	US
        city	Oakland	US
        city	Toronto	CA
        city	Montréal	CA
        city	Montreal	CA
        city	Vancouver	CA
        city	Calgary	CA
        city	Edmonton	CA
        city	Québec City	CA
        city	Quebec City	CA
        city	Winnipeg	CA
        city	Halifax	CA
        city	Guadalajara	MX
        city	Monterrey	MX
        city	Puebla	MX
        city	Tijuana	MX
        city	Cancún	MX
        city	Cancun	MX
        city	Ciudad Juárez	MX
        city	Ciudad Juarez	MX
        city	Acapulco	MX
        city	São Paulo	BR
        city	Sao Paulo	BR
        city	Rio de Janeiro	BR
        city	Rio	BR
        city	Salvador da Bahia	BR
        city	Fortaleza	BR
        city	Belo Horizonte	BR
        city	Manaus	BR
        city	Curitiba	BR
        city	Recife	BR
        city	Porto Alegre	BR
        city	Medellín	CO
        city	Medellin	CO
        city	Barranquilla	CO
        city	Cartagena de Indias	CO
        city	Valparaíso	CL
        city	Valparaiso	CL
        city	Cusco	PE
        city	Cuzco	PE
        city	Maracaibo	VE
        city	Guayaquil	EC
        city	Santiago de Cuba	CU
        city	Punta Cana	DO
        city	Cap-Haïtien	HT
        city	Cap-Haitien	HT
        city	Montego Bay	JM
        city	Manchester	GB
        city	Birmingham	GB
        city	Liverpool	GB
        city	Leeds	GB
        city	Glasgow	GB
        city	Edinburgh	GB
        city	Belfast	GB
        city	Cardiff	GB
        city	Bristol	GB
        city	Sheffield	GB
        city	Oxford	GB
        city	Cork	IE
        city	Lyon	FR
        city	Marseille	FR
        city	Marseilles	FR
        city	Toulouse	FR
        city	Bordeaux	FR
        city	Strasbourg	FR
        city	Lille	FR
        city	Cannes	FR
        city	Nantes	FR
        city	Hamburg	DE
        city	Munich	DE
        city	Frankfurt	DE
        city	Cologne	DE
        city	Stuttgart	DE
        city	Düsseldorf	DE
        city	Dusseldorf	DE
        city	Leipzig	DE
        city	Dresden	DE
        city	Milan	IT
        city	Naples	IT
        city	Turin	IT
        city	Florence	IT
        city	Venice	IT
        city	Palermo	IT
        city	Genoa	IT
        city	Bologna	IT
        city	Barcelona	ES
        city	Valencia	ES
        city	Seville	ES
        city	Bilbao	ES
        city	Málaga	ES
        city	Malaga	ES
        city	Porto	PT
        city	Oporto	PT
        city	Rotterdam	NL
        city	The Hague	NL
        city	the Hague	NL
        city	Utrecht	NL
        city	Antwerp	BE
        city	Zürich	CH
        city	Zurich	CH
        city	Geneva	CH
        city	Basel	CH
        city	Salzburg	AT
        city	Thessaloniki	GR
        city	Kraków	PL
        city	Krakow	PL
        city	Gdańsk	PL
        city	Gdansk	PL
        city	Wrocław	PL
        city	Wroclaw	PL
        city	Łódź	PL
        city	Lodz	PL
        city	Gothenburg	SE
        city	Aarhus	DK
        city	Bergen	NO
        city	Saint Petersburg	RU
        city	St. Petersburg	RU
        city	St Petersburg	RU
        city	Novosibirsk	RU
        city	Yekaterinburg	RU
        city	Kazan	RU
        city	Vladivostok	RU
        city	Kharkiv	UA
        city	Kharkov	UA
        city	Odesa	UA
        city	Odessa	UA
        city	Lviv	UA
        city	Dnipro	UA
        city	Mariupol	UA
        city	Donetsk	UA
        city	Kherson	UA
        city	Zaporizhzhia	UA
        city	Istanbul	TR
        city	Izmir	TR
        city	İzmir	TR
        city	Antalya	TR
        city	Shanghai	CN
        city	Chongqing	CN
        city	Guangzhou	CN
        city	Shenzhen	CN
        city	Tianjin	CN
        city	Chengdu	CN
        city	Wuhan	CN
        city	Nanjing	CN
        city	Xi'an	CN
        city	Hangzhou	CN
        city	Shenyang	CN
        city	Harbin	CN
        city	Suzhou	CN
        city	Dongguan	CN
        city	Qingdao	CN
        city	Kunming	CN
        city	Xiamen	CN
        city	Lhasa	CN
        city	Urumqi	CN
        city	Peking	CN
        city	Kowloon	HK
        city	Kaohsiung	TW
        city	Taichung	TW
        city	Osaka	JP
        city	Kyoto	JP
        city	Yokohama	JP
        city	Nagoya	JP
        city	Sapporo	JP
        city	Fukuoka	JP
        city	Kobe	JP
        city	Hiroshima	JP
        city	Nagasaki	JP
        city	Busan	KR
        city	Incheon	KR
        city	Mumbai	IN
        city	Bombay	IN
        city	Delhi	IN
        city	Bangalore	IN
        city	Bengaluru	IN
        city	Kolkata	IN
        city	Calcutta	IN
        city	Chennai	IN
        city	Madras	IN
        city	Hyderabad	IN
        city	Ahmedabad	IN
        city	Pune	IN
        city	Surat	IN
        city	Jaipur	IN
        city	Lucknow	IN
        city	Kanpur	IN
        city	Srinagar	IN
        city	Goa	IN
        city	Varanasi	IN
        city	Karachi	PK
        city	Lahore	PK
        city	Faisalabad	PK
        city	Peshawar	PK
        city	Rawalpindi	PK
        city	Quetta	PK
        city	Chittagong	BD
        city	Chattogram	BD
        city	Colombo	LK
        city	Kandahar	AF
        city	Herat	AF
        city	Mashhad	IR
        city	Isfahan	IR
        city	Tabriz	IR
        city	Shiraz	IR
        city	Basra	IQ
        city	Mosul	IQ
        city	Erbil	IQ
        city	Fallujah	IQ
        city	Jeddah	SA
        city	Mecca	SA
        city	Makkah	SA
        city	Medina	SA
        city	Dubai	AE
        city	Sharjah	AE
        city	Tel Aviv	IL
        city	Haifa	IL
        city	Gaza City	PS
        city	Aleppo	SY
        city	Homs	SY
        city	Aden	YE
        city	Almaty	KZ
        city	Chiang Mai	TH
        city	Phuket	TH
        city	Ho Chi Minh City	VN
        city	Saigon	VN
        city	Da Nang	VN
        city	Surabaya	ID
        city	Bandung	ID
        city	Medan	ID
        city	Quezon City	PH
        city	Cebu	PH
        city	Davao	PH
        city	Yangon	MM
        city	Rangoon	MM
        city	Mandalay	MM
        city	Lagos	NG
        city	Kano	NG
        city	Ibadan	NG
        city	Port Harcourt	NG
        city	Lubumbashi	CD
        city	Goma	CD
        city	Johannesburg	ZA
        city	Durban	ZA
        city	Soweto	ZA
        city	Alexandria	EG
        city	Giza	EG
        city	Omdurman	SD
        city	Mombasa	KE
        city	Dar es Salaam	TZ
        city	Casablanca	MA
        city	Marrakesh	MA
        city	Marrakech	MA
        city	Tangier	MA
        city	Oran	DZ
        city	Benghazi	LY
        city	Kumasi	GH
        city	Abidjan	CI
        city	Timbuktu	ML
        city	Douala	CM
        city	Bulawayo	ZW
        city	Cotonou	BJ
        city	Bujumbura	BI
        city	Melbourne	AU
        city	Brisbane	AU
        city	Perth	AU
        city	Adelaide	AU
        city	Gold Coast	AU
        city	Hobart	AU
        city	Sydney	AU
        city	Auckland	NZ
        city	Christchurch	NZ
        city	Saint Paul	US
        city	St. Paul	US
        city	St Paul	US
        city	Boise	US
        city	Charleston	US
        city	Hartford	US
        city	Des Moines	US
        city	Little Rock	US
        city	Baton Rouge	US
        city	Fort Lauderdale	US
        city	Santa Fe	US
        city	Long Beach	US
        city	Anaheim	US
        city	Berkeley	US
        city	Palo Alto	US
        city	Pasadena	US
        city	Scottsdale	US
        city	Reno	US
        city	Ann Arbor	US
        city	Knoxville	US
        city	Chattanooga	US
        city	New Haven	US
        city	Uvalde	US
        city	Spokane	US
        city	Tacoma	US
        city	Miami Beach	US
        city	Venice Beach	US
        city	Athens, Ga.	US
        city	ATHENS, Ga.	US
        city	Athens, Georgia	US
        city	Paris, Texas	US
        city	Saskatoon	CA
        city	Mississauga	CA
        city	Whistler	CA
        city	Banff	CA
        city	Yellowknife	CA
        city	Iqaluit	CA
        city	Whitehorse	CA
        city	Fredericton	CA
        city	Charlottetown	CA
        city	Oaxaca	MX
        city	Mérida	MX
        city	Merida	MX
        city	Veracruz	MX
        city	Culiacán	MX
        city	Culiacan	MX
        city	Hermosillo	MX
        city	Morelia	MX
        city	Querétaro	MX
        city	Queretaro	MX
        city	San Luis Potosí	MX
        city	San Luis Potosi	MX
        city	Aguascalientes	MX
        city	Toluca	MX
        city	Playa del Carmen	MX
        city	Los Cabos	MX
        city	Tulum	MX
        city	San Pedro Sula	HN
        city	Quetzaltenango	GT
        city	Santa Cruz de la Sierra	BO
        city	Cochabamba	BO
        city	El Alto	BO
        city	Arequipa	PE
        city	Iquitos	PE
        city	Bucaramanga	CO
        city	Cúcuta	CO
        city	Cucuta	CO
        city	Santa Marta	CO
        city	Viña del Mar	CL
        city	Vina del Mar	CL
        city	Antofagasta	CL
        city	Punta Arenas	CL
        city	Mar del Plata	AR
        city	Ushuaia	AR
        city	Bariloche	AR
        city	Punta del Este	UY
        city	Ciudad del Este	PY
        city	Belém	BR
        city	Belem	BR
        city	Florianópolis	BR
        city	Florianopolis	BR
        city	Goiânia	BR
        city	Goiania	BR
        city	Campinas	BR
        city	Foz do Iguaçu	BR
        city	Foz do Iguacu	BR
        city	Barquisimeto	VE
        city	Maracay	VE
        city	Santiago de los Caballeros	DO
        city	Varadero	CU
        city	Ponce	PR
        city	Ocho Rios	JM
        city	Aberdeen	GB
        city	Dundee	GB
        city	Inverness	GB
        city	Swansea	GB
        city	Leicester	GB
        city	Nottingham	GB
        city	Southampton	GB
        city	Brighton	GB
        city	Coventry	GB
        city	York	GB
        city	Granada	ES
        city	Ibiza	ES
        city	Mallorca	ES
        city	Majorca	ES
        city	Tenerife	ES
        city	Santiago de Compostela	ES
        city	Zaragoza	ES
        city	Pamplona	ES
        city	Montpellier	FR
        city	Rennes	FR
        city	Calais	FR
        city	Dunkirk	FR
        city	Monte Carlo	MC
        city	Davos	CH
        city	Lausanne	CH
        city	Lucerne	CH
        city	Bruges	BE
        city	Ghent	BE
        city	Liège	BE
        city	Liege	BE
        city	Eindhoven	NL
        city	Hanover	DE
        city	Nuremberg	DE
        city	Bonn	DE
        city	Essen	DE
        city	Dortmund	DE
        city	Bremen	DE
        city	Heidelberg	DE
        city	Poznań	PL
        city	Poznan	PL
        city	Katowice	PL
        city	Brno	CZ
        city	Cluj-Napoca	RO
        city	Plovdiv	BG
        city	Dubrovnik	HR
        city	Mostar	BA
        city	Srebrenica	BA
        city	Malmö	SE
        city	Malmo	SE
        city	Uppsala	SE
        city	Tampere	FI
        city	Turku	FI
        city	Tromsø	NO
        city	Tromso	NO
        city	Stavanger	NO
        city	Odense	DK
        city	Sochi	RU
        city	Murmansk	RU
        city	Kaliningrad	RU
        city	Omsk	RU
        city	Samara	RU
        city	Rostov-on-Don	RU
        city	Nizhny Novgorod	RU
        city	Volgograd	RU
        city	Chelyabinsk	RU
        city	Grozny	RU
        city	Kursk	RU
        city	Belgorod	RU
        city	Bakhmut	UA
        city	Bucha	UA
        city	Kramatorsk	UA
        city	Karbala	IQ
        city	Najaf	IQ
        city	Kirkuk	IQ
        city	Raqqa	SY
        city	Idlib	SY
        city	Sidon	LB
        city	Qom	IR
        city	Hebron	PS
        city	Nablus	PS
        city	Jenin	PS
        city	Rafah	PS
        city	Khan Younis	PS
        city	Bethlehem	PS
        city	Eilat	IL
        city	Beersheba	IL
        city	Nazareth	IL
        city	Dammam	SA
        city	Sharm el-Sheikh	EG
        city	Luxor	EG
        city	Aswan	EG
        city	Port Said	EG
        city	Suez	EG
        city	Pokhara	NP
        city	Sylhet	BD
        city	Thiruvananthapuram	IN
        city	Nagpur	IN
        city	Indore	IN
        city	Bhopal	IN
        city	Patna	IN
        city	Amritsar	IN
        city	Chandigarh	IN
        city	Agra	IN
        city	Visakhapatnam	IN
        city	Coimbatore	IN
        city	Mysore	IN
        city	Mysuru	IN
        city	Multan	PK
        city	Ningbo	CN
        city	Zhengzhou	CN
        city	Changsha	CN
        city	Jinan	CN
        city	Hefei	CN
        city	Fuzhou	CN
        city	Nanning	CN
        city	Guiyang	CN
        city	Taiyuan	CN
        city	Shijiazhuang	CN
        city	Dalian	CN
        city	Changchun	CN
        city	Kashgar	CN
        city	Sanya	CN
        city	Daegu	KR
        city	Gwangju	KR
        city	Sendai	JP
        city	Fukushima	JP
        city	Yogyakarta	ID
        city	Makassar	ID
        city	Semarang	ID
        city	Denpasar	ID
        city	Penang	MY
        city	Johor Bahru	MY
        city	Ipoh	MY
        city	Kota Kinabalu	MY
        city	Pattaya	TH
        city	Haiphong	VN
        city	Siem Reap	KH
        city	Luang Prabang	LA
        city	Zamboanga	PH
        city	Marawi	PH
        city	Samarkand	UZ
        city	Bukhara	UZ
        city	Osh	KG
        city	Karaganda	KZ
        city	Shymkent	KZ
        city	Batumi	GE
        city	Kutaisi	GE
        city	Gyumri	AM
        city	Kaduna	NG
        city	Maiduguri	NG
        city	Enugu	NG
        city	Benin City	NG
        city	Zaria	NG
        city	Onitsha	NG
        city	Kisumu	KE
        city	Nakuru	KE
        city	Eldoret	KE
        city	Arusha	TZ
        city	Mwanza	TZ
        city	Hargeisa	SO
        city	Kismayo	SO
        city	Mekelle	ET
        city	Gondar	ET
        city	Bahir Dar	ET
        city	Dire Dawa	ET
        city	Port Sudan	SD
        city	El Fasher	SD
        city	Nyala	SD
        city	Misrata	LY
        city	Sfax	TN
        city	Sousse	TN
        city	Constantine	DZ
        city	Annaba	DZ
        city	Fez	MA
        city	Agadir	MA
        city	Kananga	CD
        city	Mbuji-Mayi	CD
        city	Kisangani	CD
        city	Bukavu	CD
        city	Pointe-Noire	CG
        city	Huambo	AO
        city	Beira	MZ
        city	Nampula	MZ
        city	Blantyre	MW
        city	Ndola	ZM
        city	Kitwe	ZM
        city	Port Elizabeth	ZA
        city	Gqeberha	ZA
        city	Pietermaritzburg	ZA
        city	Walvis Bay	NA
        city	Francistown	BW
        city	Toamasina	MG
        city	Touba	SN
        city	Bouaké	CI
        city	Bouake	CI
        city	Bobo-Dioulasso	BF
        city	Gao	ML
        city	Agadez	NE
        city	Zinder	NE
        city	Cairns	AU
        city	Townsville	AU
        city	Geelong	AU
        city	Wollongong	AU
        city	Alice Springs	AU
        city	Queenstown	NZ
        city	Dunedin	NZ
        city	Rotorua	NZ
        city	Nadi	FJ
        city	Lae	PG

        # US states and the District of Columbia
        us_state	Alabama	US
        us_state	Alaska	US
        us_state	Arizona	US
        us_state	Arkansas	US
        us_state	California	US
        us_state	Colorado	US
        us_state	Connecticut	US
        us_state	Delaware	US
        us_state	Florida	US
        us_state	Georgia	US
        us_state	Hawaii	US
        us_state	Idaho	US
        us_state	Illinois	US
        us_state	Indiana	US
        us_state	Iowa	US
        us_state	Kansas	US
        us_state	Kentucky	US
        us_state	Louisiana	US
        us_state	Maine	US
        us_state	Maryland	US
        us_state	Massachusetts	US
        us_state	Michigan	US
        us_state	Minnesota	US
        us_state	Mississippi	US
        us_state	Missouri	US
        us_state	Montana	US
        us_state	Nebraska	US
        us_state	Nevada	US
        us_state	New Hampshire	US
        us_state	New Jersey	US
        us_state	New Mexico	US
        us_state	New York	US
        us_state	North Carolina	US
        us_state	North Dakota	US
        us_state	Ohio	US
        us_state	Oklahoma	US
        us_state	Oregon	US
        us_state	Pennsylvania	US
        us_state	Rhode Island	US
        us_state	South Carolina	US
        us_state	South Dakota	US
        us_state	Tennessee	US
        us_state	Texas	US
        us_state	Utah	US
        us_state	Vermont	US
        us_state	Virginia	US
        us_state	Washington	US
        us_state	West Virginia	US
        us_state	Wisconsin	US
        us_state	Wyoming	US
        us_state	District of Columbia	US

        # Demonyms
        demonym	Algerian	DZ
        demonym	Egyptian	EG
        demonym	Libyan	LY
        demonym	Moroccan	MA
        demonym	Sudanese	SD
        demonym	Tunisian	TN
        demonym	Burundian	BI
        demonym	Comorian	KM
        demonym	Djiboutian	DJ
        demonym	Eritrean	ER
        demonym	Ethiopian	ET
        demonym	Kenyan	KE
        demonym	Malagasy	MG
        demonym	Malawian	MW
        demonym	Mauritian	MU
        demonym	Mozambican	MZ
        demonym	Rwandan	RW
        demonym	Seychellois	SC
        demonym	Somali	SO
        demonym	South Sudanese	SS
        demonym	Ugandan	UG
        demonym	Tanzanian	TZ
        demonym	Zambian	ZM
        demonym	Zimbabwean	ZW
        demonym	Angolan	AO
        demonym	Cameroonian	CM
        demonym	Central African	CF
        demonym	Chadian	TD
        demonym	Congolese	CD
        demonym	Equatorial Guinean	GQ
        demonym	Equatoguinean	GQ
        demonym	Gabonese	GA
        demonym	Santomean	ST
        demonym	Motswana	BW
        demonym	Batswana	BW
        demonym	Botswanan	BW
        demonym	Swazi	SZ
        demonym	Mosotho	LS
        demonym	Basotho	LS
        demonym	Namibian	NA
        demonym	South African	ZA
        demonym	Beninese	BJ
        demonym	Burkinabé	BF
        demonym	Burkinabe	BF
        demonym	Cabo Verdean	CV
        demonym	Cape Verdean	CV
        demonym	Ivorian	CI
        demonym	Gambian	GM
        demonym	Ghanaian	GH
        demonym	Guinean	GN
        demonym	Bissau-Guinean	GW
        demonym	Liberian	LR
        demonym	Malian	ML
        demonym	Mauritanian	MR
        demonym	Nigerien	NE
        demonym	Nigerian	NG
        demonym	Senegalese	SN
        demonym	Sierra Leonean	SL
        demonym	Togolese	TG
        demonym	Canadian	CA
        demonym	American	US
        demonym	Antiguan	AG
        demonym	Bahamian	BS
        demonym	Barbadian	BB
        demonym	Bajan	BB
        demonym	Cuban	CU
        demonym	Dominican	DO
        demonym	Grenadian	GD
        demonym	Haitian	HT
        demonym	Jamaican	JM
        demonym	Kittitian	KN
        demonym	Saint Lucian	LC
        demonym	St. Lucian	LC
        demonym	St Lucian	LC
        demonym	Vincentian	VC
        demonym	Trinidadian	TT
        demonym	Belizean	BZ
        demonym	Costa Rican	CR
        demonym	Salvadoran	SV
        demonym	Salvadorean	SV
        demonym	Guatemalan	GT
        demonym	Honduran	HN
        demonym	Mexican	MX
        demonym	Nicaraguan	NI
        demonym	Panamanian	PA
        demonym	Argentine	AR
        demonym	Argentinian	AR
        demonym	Bolivian	BO
        demonym	Brazilian	BR
        demonym	Chilean	CL
        demonym	Colombian	CO
        demonym	Ecuadorian	EC
        demonym	Ecuadorean	EC
        demonym	Guyanese	GY
        demonym	Paraguayan	PY
        demonym	Peruvian	PE
        demonym	Surinamese	SR
        demonym	Uruguayan	UY
        demonym	Venezuelan	VE
        demonym	Kazakh	KZ
        demonym	Kazakhstani	KZ
        demonym	Kyrgyz	KG
        demonym	Tajik	TJ
        demonym	Turkmen	TM
        demonym	Uzbek	UZ
        demonym	Chinese	CN
        demonym	Japanese	JP
        demonym	Mongolian	MN
        demonym	North Korean	KP
        demonym	South Korean	KR
        demonym	Korean	KR
        demonym	Bruneian	BN
        demonym	Cambodian	KH
        demonym	Indonesian	ID
        demonym	Laotian	LA
        demonym	Lao	LA
        demonym	Malaysian	MY
        demonym	Burmese	MM
        demonym	Filipino	PH
        demonym	Filipina	PH
        demonym	Philippine	PH
        demonym	Singaporean	SG
        demonym	Thai	TH
        demonym	Timorese	TL
        demonym	Vietnamese	VN
        demonym	Afghan	AF
        demonym	Bangladeshi	BD
        demonym	Bhutanese	BT
        demonym	Indian	IN
        demonym	Iranian	IR
        demonym	Maldivian	MV
        demonym	Nepali	NP
        demonym	Nepalese	NP
        demonym	Pakistani	PK
        demonym	Sri Lankan	LK
        demonym	Armenian	AM
        demonym	Azerbaijani	AZ
        demonym	Azeri	AZ
        demonym	Bahraini	BH
        demonym	Cypriot	CY
        demonym	Georgian	GE
        demonym	Iraqi	IQ
        demonym	Israeli	IL
        demonym	Jordanian	JO
        demonym	Kuwaiti	KW
        demonym	Lebanese	LB
        demonym	Omani	OM
        demonym	Qatari	QA
        demonym	Saudi	SA
        demonym	Syrian	SY
        demonym	Turkish	TR
        demonym	Turk	TR
        demonym	Emirati	AE
        demonym	Yemeni	YE
        demonym	Belarusian	BY
        demonym	Bulgarian	BG
        demonym	Czech	CZ
        demonym	Hungarian	HU
        demonym	Polish	PL
        demonym	Moldovan	MD
        demonym	Romanian	RO
        demonym	Russian	RU
        demonym	Slovak	SK
        demonym	Slovakian	SK
        demonym	Ukrainian	UA
        demonym	Danish	DK
        demonym	Dane	DK
        demonym	Estonian	EE
        demonym	Finnish	FI
        demonym	Icelandic	IS
        demonym	Icelander	IS
        demonym	Irish	IE
        demonym	Irishman	IE
        demonym	Irishmen	IE
        demonym	Irishwoman	IE
        demonym	Irishwomen	IE
        demonym	Latvian	LV
        demonym	Lithuanian	LT
        demonym	Norwegian	NO
        demonym	Swedish	SE
        demonym	Swede	SE
        demonym	British	GB
        demonym	Briton	GB
        demonym	Brit	GB
        demonym	Scottish	GB
        demonym	Scot	GB
        demonym	Scotsman	GB
        demonym	Scotsmen	GB
        demonym	Scotswoman	GB
        demonym	Welsh	GB
        demonym	Welshman	GB
        demonym	Welshmen	GB
        demonym	Northern Irish	GB
        demonym	Englishman	GB
        demonym	Englishmen	GB
        demonym	Englishwoman	GB
        demonym	Englishwomen	GB
        demonym	Albanian	AL
        demonym	Andorran	AD
        demonym	Bosnian	BA
        demonym	Croatian	HR
        demonym	Croat	HR
        demonym	Greek	GR
        demonym	Italian	IT
        demonym	Maltese	MT
        demonym	Montenegrin	ME
        demonym	Macedonian	MK
        demonym	North Macedonian	MK
        demonym	Portuguese	PT
        demonym	Sammarinese	SM
        demonym	Serbian	RS
        demonym	Serb	RS
        demonym	Slovenian	SI
        demonym	Slovene	SI
        demonym	Spanish	ES
        demonym	Spaniard	ES
        demonym	Austrian	AT
        demonym	Belgian	BE
        demonym	French	FR
        demonym	Frenchman	FR
        demonym	Frenchmen	FR
        demonym	Frenchwoman	FR
        demonym	Frenchwomen	FR
        demonym	German	DE
        demonym	Liechtensteiner	LI
        demonym	Luxembourgish	LU
        demonym	Luxembourger	LU
        demonym	Monégasque	MC
        demonym	Monegasque	MC
        demonym	Monacan	MC
        demonym	Dutch	NL
        demonym	Dutchman	NL
        demonym	Dutchmen	NL
        demonym	Dutchwoman	NL
        demonym	Swiss	CH
        demonym	Australian	AU
        demonym	Aussie	AU
        demonym	New Zealander	NZ
        demonym	Fijian	FJ
        demonym	Papua New Guinean	PG
        demonym	Solomon Islander	SB
        demonym	Ni-Vanuatu	VU
        demonym	I-Kiribati	KI
        demonym	Marshallese	MH
        demonym	Micronesian	FM
        demonym	Nauruan	NR
        demonym	Palauan	PW
        demonym	Samoan	WS
        demonym	Tongan	TO
        demonym	Tuvaluan	TV
        demonym	Palestinian	PS
        demonym	Taiwanese	TW
        demonym	Hongkonger	HK
        demonym	Macanese	MO
        demonym	Kosovar	XK
        demonym	Kosovan	XK
        demonym	Sahrawi	EH
        demonym	Puerto Rican	PR
        demonym	Greenlandic	GL
        demonym	Greenlander	GL
        demonym	Bermudian	BM
        demonym	Guamanian	GU
        demonym	Anguillian	AI
        demonym	Caymanian	KY
        demonym	Montserratian	MS
        demonym	Aruban	AW
        demonym	Guadeloupean	GP
        demonym	Martinican	MQ
        demonym	French Guianese	GF
        demonym	Falkland Islander	FK
        demonym	Saint Helenian	SH
        demonym	St. Helenian	SH
        demonym	St Helenian	SH
        demonym	New Caledonian	NC
        demonym	Cook Islander	CK
        demonym	Niuean	NU
        demonym	Tokelauan	TK
        demonym	Gibraltarian	GI
        demonym	Faroese	FO
        demonym	Ålander	AX
        demonym	Alander	AX
        demonym	Manx	IM

        # Aliases
        alias	Sao Tome and Principe	ST
        alias	Cote d'Ivoire	CI
        alias	St. Kitts and Nevis	KN
        alias	St Kitts and Nevis	KN
        alias	St. Lucia	LC
        alias	St Lucia	LC
        alias	St. Vincent and the Grenadines	VC
        alias	St Vincent and the Grenadines	VC
        alias	St. Pierre and Miquelon	PM
        alias	St Pierre and Miquelon	PM
        alias	Curacao	CW
        alias	St. Martin	MF
        alias	St Martin	MF
        alias	Saint Barthelemy	BL
        alias	St. Barthélemy	BL
        alias	St. Barthelemy	BL
        alias	St Barthélemy	BL
        alias	St Barthelemy	BL
        alias	St. Helena	SH
        alias	St Helena	SH
        alias	Aland Islands	AX
        alias	U.S.	US
        alias	US	US
        alias	USA	US
        alias	U.S.A.	US
        alias	America	US
        alias	United States of America	US
        alias	U.K.	GB
        alias	UK	GB
        alias	Britain	GB
        alias	Great Britain	GB
        alias	England	GB
        alias	Scotland	GB
        alias	Wales	GB
        alias	Northern Ireland	GB
        alias	United Kingdom of Great Britain and Northern Ireland	GB
        alias	UAE	AE
        alias	U.A.E.	AE
        alias	DRC	CD
        alias	DR Congo	CD
        alias	D.R. Congo	CD
        alias	Democratic Republic of Congo	CD
        alias	Congo-Kinshasa	CD
        alias	Congo	CD
        alias	Zaire	CD
        alias	Republic of Congo	CG
        alias	Congo-Brazzaville	CG
        alias	Korea	KR
        alias	Republic of Korea	KR
        alias	DPRK	KP
        alias	Democratic People's Republic of Korea	KP
        alias	Russian Federation	RU
        alias	Czech Republic	CZ
        alias	Ivory Coast	CI
        alias	Burma	MM
        alias	Holland	NL
        alias	North Holland	NL
        alias	South Holland	NL
        alias	Türkiye	TR
        alias	Turkiye	TR
        alias	Cape Verde	CV
        alias	Swaziland	SZ
        alias	East Timor	TL
        alias	Macedonia	MK
        alias	Vatican	VA
        alias	Holy See	VA
        alias	State of Palestine	PS
        alias	Palestinian territories	PS
        alias	West Bank	PS
        alias	Gaza	PS
        alias	Gaza Strip	PS
        alias	Islamic Republic of Iran	IR
        alias	Syrian Arab Republic	SY
        alias	Lao PDR	LA
        alias	Viet Nam	VN
        alias	Brunei Darussalam	BN
        alias	Republic of Moldova	MD
        alias	United Republic of Tanzania	TZ
        alias	Zanzibar	TZ
        alias	Federated States of Micronesia	FM
        alias	Bosnia	BA
        alias	Bosnia-Herzegovina	BA
        alias	Trinidad	TT
        alias	Tobago	TT
        alias	Antigua	AG
        alias	Saint Kitts	KN
        alias	St. Kitts	KN
        alias	St Kitts	KN
        alias	Nevis	KN
        alias	Saint Vincent	VC
        alias	St. Vincent	VC
        alias	St Vincent	VC
        alias	PRC	CN
        alias	People's Republic of China	CN
        alias	Macao	MO
        alias	Tahiti	PF
        alias	Caymans	KY
        alias	Turks and Caicos	TC
        alias	Falklands	FK
        alias	Faroes	FO
        alias	Faeroe Islands	FO
        alias	Åland	AX
        alias	Aland	AX
        alias	Svalbard	SJ
        alias	Pitcairn	PN
        alias	Cocos Islands	CC
        alias	Bonaire	BQ
        alias	Chagos Islands	IO
        alias	U.S. Virgin Islands	VI
        alias	US Virgin Islands	VI
        alias	St. Barts	BL
        alias	St Barts	BL
        alias	St. Barths	BL
        alias	St Barths	BL
        alias	La Réunion	RE
        alias	La Reunion	RE
        alias	Réunion Island	RE
        alias	Reunion Island	RE
        alias	Niger Delta	NG
        alias	Washington, D.C.	US
        alias	Washington D.C.	US
        alias	Washington DC	US
        alias	D.C.	US
        alias	NYC	US
        alias	L.A.	US
        alias	New England	US
        alias	Jersey City	US
        alias	Jersey Shore	US
        alias	New South Wales	AU
        alias	British Columbia	CA
        alias	Baja California	MX
        alias	Bali	ID
        alias	New Guinea	PG
        """
}
