/**
 * The national data protection supervisory authority of each EEA member state (and the EDPS for
 * the Commission's node), as a right-of-access report names it for a complaint (GDPR Art. 77).
 * A default only: a node whose authorities answer to a regional authority (a German Land, for
 * instance) names it with SUPERVISORY_AUTHORITY_NAME and SUPERVISORY_AUTHORITY_ADDRESS.
 */
export interface SupervisoryAuthority {
  name: string;
  /** Postal address and website, lines separated by `|`. */
  address: string;
}

const DEFAULTS: Readonly<Record<string, SupervisoryAuthority>> = {
  AT: { name: 'Österreichische Datenschutzbehörde', address: 'Barichgasse 40-42|1030 Wien|www.dsb.gv.at' },
  BE: { name: 'Autorité de protection des données / Gegevensbeschermingsautoriteit', address: 'Rue de la Presse 35 / Drukpersstraat 35|1000 Bruxelles / Brussel|www.autoriteprotectiondonnees.be' },
  BG: { name: 'Комисия за защита на личните данни (Commission for Personal Data Protection)', address: '2 Prof. Tsvetan Lazarov Blvd.|1592 Sofia|www.cpdp.bg' },
  CY: { name: 'Office of the Commissioner for Personal Data Protection', address: '1 Iasonos Street|1082 Nicosia|www.dataprotection.gov.cy' },
  CZ: { name: 'Úřad pro ochranu osobních údajů', address: 'Pplk. Sochora 27|170 00 Praha 7|www.uoou.cz' },
  DE: { name: 'Die Bundesbeauftragte für den Datenschutz und die Informationsfreiheit (BfDI)', address: 'Graurheindorfer Straße 153|53117 Bonn|www.bfdi.bund.de' },
  DK: { name: 'Datatilsynet', address: 'Carl Jacobsens Vej 35|2500 Valby|www.datatilsynet.dk' },
  EE: { name: 'Andmekaitse Inspektsioon', address: 'Tatari 39|10134 Tallinn|www.aki.ee' },
  EL: { name: 'Αρχή Προστασίας Δεδομένων Προσωπικού Χαρακτήρα (Hellenic Data Protection Authority)', address: 'Kifisias 1-3|115 23 Athens|www.dpa.gr' },
  ES: { name: 'Agencia Española de Protección de Datos (AEPD)', address: 'C/ Jorge Juan, 6|28001 Madrid|www.aepd.es' },
  FI: { name: 'Tietosuojavaltuutetun toimisto', address: 'Lintulahdenkuja 4|00530 Helsinki|www.tietosuoja.fi' },
  FR: { name: 'Commission nationale de l\'informatique et des libertés (CNIL)', address: '3 Place de Fontenoy, TSA 80715|75334 Paris Cedex 07|www.cnil.fr' },
  HR: { name: 'Agencija za zaštitu osobnih podataka (AZOP)', address: 'Selska cesta 136|10000 Zagreb|www.azop.hr' },
  HU: { name: 'Nemzeti Adatvédelmi és Információszabadság Hatóság (NAIH)', address: 'Falk Miksa utca 9-11|1055 Budapest|www.naih.hu' },
  IE: { name: 'Data Protection Commission', address: '21 Fitzwilliam Square South|Dublin 2, D02 RD28|www.dataprotection.ie' },
  IS: { name: 'Persónuvernd', address: 'Reykjavík|www.personuvernd.is' },
  IT: { name: 'Garante per la protezione dei dati personali', address: 'Piazza Venezia 11|00187 Roma|www.garanteprivacy.it' },
  LI: { name: 'Datenschutzstelle Fürstentum Liechtenstein', address: 'Städtle 38|9490 Vaduz|www.datenschutzstelle.li' },
  LT: { name: 'Valstybinė duomenų apsaugos inspekcija', address: 'L. Sapiegos g. 17|10312 Vilnius|vdai.lrv.lt' },
  LU: { name: 'Commission nationale pour la protection des données (CNPD)', address: '15, Boulevard du Jazz|L-4370 Belvaux|cnpd.public.lu' },
  LV: { name: 'Datu valsts inspekcija', address: 'Elijas iela 17|Rīga, LV-1050|www.dvi.gov.lv' },
  MT: { name: 'Information and Data Protection Commissioner', address: 'Floor 2, Airways House, Triq Il-Kbira|Tas-Sliema SLM 1549|idpc.org.mt' },
  NL: { name: 'Autoriteit Persoonsgegevens', address: 'Postbus 93374|2509 AJ Den Haag|www.autoriteitpersoonsgegevens.nl' },
  NO: { name: 'Datatilsynet', address: 'Postboks 458 Sentrum|0105 Oslo|www.datatilsynet.no' },
  PL: { name: 'Prezes Urzędu Ochrony Danych Osobowych (UODO)', address: 'ul. Stawki 2|00-193 Warszawa|uodo.gov.pl' },
  PT: { name: 'Comissão Nacional de Proteção de Dados (CNPD)', address: 'Av. D. Carlos I, 134, 1.º|1200-651 Lisboa|www.cnpd.pt' },
  RO: { name: 'Autoritatea Națională de Supraveghere a Prelucrării Datelor cu Caracter Personal (ANSPDCP)', address: 'B-dul G-ral. Gheorghe Magheru 28-30, Sector 1|010336 București|www.dataprotection.ro' },
  SE: { name: 'Integritetsskyddsmyndigheten (IMY)', address: 'Box 8114|104 20 Stockholm|www.imy.se' },
  SI: { name: 'Informacijski pooblaščenec', address: 'Dunajska cesta 22|1000 Ljubljana|www.ip-rs.si' },
  SK: { name: 'Úrad na ochranu osobných údajov Slovenskej republiky', address: 'Hraničná 12|820 07 Bratislava 27|dataprotection.gov.sk' },
  // The Commission's processing falls under Regulation (EU) 2018/1725.
  EC: { name: 'European Data Protection Supervisor (EDPS)', address: 'Rue Wiertz 60|1047 Brussels, Belgium|www.edps.europa.eu' },
};
// Greece's ISO code is GR; the EU writes EL.
const ALIASES: Readonly<Record<string, string>> = { GR: 'EL' };

/** The node's configured supervisory authority, else its member state's; the EDPB's list when the state is unknown. */
export function supervisoryAuthorityOf(country: string, configured?: { name?: string; address?: string }): SupervisoryAuthority {
  const fallback = DEFAULTS[ALIASES[country] ?? country] ?? {
    name: 'The data protection supervisory authority of your member state',
    address: 'List of the authorities: www.edpb.europa.eu/about-edpb/about-edpb/members_en',
  };
  return { name: configured?.name ?? fallback.name, address: configured?.address ?? (configured?.name ? '' : fallback.address) };
}
