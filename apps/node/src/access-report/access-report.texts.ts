import { ReportLanguage } from './report-language';

/**
 * The words of a right-of-access report, for the person it is about, in each language it is
 * produced in: labels for every field (never a field path), what each legislative area's data
 * is for, and what GDPR Art. 15 and 77 and IMI Regulation Art. 18-20 tell the person.
 */
export interface ReportTexts {
  title: string;
  intro: (state: string) => string;
  producedOn: string;
  producedBy: string;
  node: string;
  node_of: (state: string) => string;
  personHeading: string;
  personIntro: string;
  summaryHeading: string;
  summary: (count: number) => string;
  none: string;
  exchangeHeading: (index: number, kind: string, date: string) => string;
  kinds: Record<string, string>;
  states: Record<string, string>;
  purpose: string;
  purposes: Record<string, string>;
  unknownPurpose: (area: string) => string;
  legalBasis: string;
  status: string;
  closedOn: string;
  openStill: string;
  authoritiesInvolved: string;
  roles: Record<string, string>;
  receivedFrom: string;
  disclosedTo: string;
  receivedOn: (date: string) => string;
  notConfirmed: string;
  notDisclosed: string;
  personalData: string;
  available: string;
  blocked: string;
  retention: string;
  retentionClosed: (blockDate: string, deleteDate: string, blockMonths: number, deleteMonths: number) => string;
  retentionOpen: (blockMonths: number, deleteMonths: number) => string;
  retentionBlocked: (blockDate: string, deleteDate: string, deleteMonths: number) => string;
  dataHeading: string;
  fields: Record<string, string>;
  questionsAsked: string;
  answer: string;
  noAnswer: string;
  freeText: string;
  furtherInformation: string;
  documents: string;
  contested: (date: string) => string;
  erasureContested: (date: string) => string;
  version: (n: number, date: string) => string;
  superseded: (date: string) => string;
  scopes: Record<string, string>;
  processingHeading: string;
  processing: string[];
  rightsHeading: string;
  rights: string[];
  complaintHeading: string;
  complaint: string;
  signatureHeading: string;
  signature: (state: string) => string;
  signingKey: string;
  signatureValue: string;
  attachedDigest: string;
  howToCheck: string;
  page: (n: number, of: number) => string;
  commission: string;
}

const en: ReportTexts = {
  title: 'Your personal data in the Internal Market Information System (IMI)',
  intro: (state) => `This report answers your request for access to your personal data (Article 15 of the General Data Protection Regulation (EU) 2016/679, and Article 19 of the IMI Regulation (EU) No 1024/2012). It lists every piece of information about you that the IMI node of ${state} holds, why it holds it, which authorities received it and when, how long it is kept, and what you can do about it.`,
  producedOn: 'Produced on',
  producedBy: 'Produced by',
  node: 'System',
  node_of: (state) => `IMI node of ${state}`,
  personHeading: 'Who this report is about',
  personIntro: 'We searched every exchange for a person identified as follows:',
  summaryHeading: 'What we found',
  summary: (n) => (n === 1 ? 'One exchange between authorities holds personal data about you. It is described below.' : `${n} exchanges between authorities hold personal data about you. Each one is described below.`),
  none: 'No exchange on this system holds personal data about you.',
  exchangeHeading: (i, kind, date) => `${i}. ${kind} of ${date}`,
  kinds: { 'information-request': 'Information request', 'professional-qualifications-alert': 'Alert about a professional', 'services-alert': 'Alert about a service provider', notification: 'Notification' },
  states: {
    sent: 'sent, not yet accepted', accepted: 'accepted, being answered', rejected: 'rejected', 'partially-answered': 'partly answered', answered: 'answered',
    'further-information-requested': 'further information requested', 'answer-accepted': 'answer accepted', closed: 'closed', open: 'open', withdrawn: 'withdrawn',
  },
  purpose: 'Purpose',
  purposes: {
    services: 'cooperation between authorities supervising service providers (Services Directive 2006/123/EC)',
    'professional-qualifications': 'the recognition of professional qualifications and the supervision of the professions concerned (Directive 2005/36/EC)',
    'patients-rights': 'cross-border healthcare, such as checking a health professional\'s right to practise (Directive 2011/24/EU)',
    'euro-cash-transport': 'the professional cross-border transport of euro cash by road (Regulation (EU) No 1214/2011)',
    solvit: 'solving, through SOLVIT, a problem with a public authority of another member state',
    'posting-of-workers': 'the posting of workers to another member state (Directive 96/71/EC)',
  },
  unknownPurpose: (area) => `the legislative area "${area}"`,
  legalBasis: 'Legal basis',
  status: 'Status',
  closedOn: 'Closed on',
  openStill: 'still open',
  authoritiesInvolved: 'Authorities involved',
  roles: { requester: 'asked the questions', addressee: 'was asked', sender: 'sent it', recipient: 'received it' },
  receivedFrom: 'We received your data from',
  disclosedTo: 'We passed your data to',
  receivedOn: (date) => `on ${date}`,
  notConfirmed: 'receipt not yet confirmed',
  notDisclosed: 'no other authority',
  personalData: 'Your data in this exchange',
  available: 'held and in use for the exchange',
  blocked: 'blocked: kept only as proof of the exchange and no longer visible in normal use',
  retention: 'How long it is kept',
  retentionClosed: (b, d, bm, dm) => `Blocked from ${b} (${bm} months after the exchange was closed) and deleted on ${d} (${dm} months after it was closed).`,
  retentionOpen: (bm, dm) => `The exchange is still open. Your data will be blocked ${bm} months and deleted ${dm} months after it is formally closed.`,
  retentionBlocked: (b, d, dm) => `Blocked since ${b}; deleted on ${d} (${dm} months after the exchange was closed).`,
  dataHeading: 'The information about you',
  fields: {
    familyName: 'Family name', givenNames: 'Given names', dateOfBirth: 'Date of birth', placeOfBirth: 'Place of birth', registerNumber: 'Registration number',
    nationalId: 'National identification number', nationalIdJustification: 'Why the national identification number was needed',
    profession: 'Profession', decidingAuthority: 'Authority that took the decision', scope: 'Decision', scopeDetail: 'Details of the decision',
    periodFrom: 'Applies from', periodUntil: 'Applies until', decisionDate: 'Date of the decision', providerName: 'Service provider', activity: 'Activity',
    danger: 'Danger described', measuresTaken: 'Measures taken', subject: 'Subject', text: 'Text', fileName: 'File name', note: 'Note',
  },
  questionsAsked: 'Questions asked about you',
  answer: 'Answer',
  noAnswer: 'not answered',
  freeText: 'Question as written by the authority',
  furtherInformation: 'Further information asked for',
  documents: 'Documents concerning you',
  contested: (date) => `On ${date} you asked for these data to be corrected. Because the data were blocked they were not changed; the correction is recorded beside them:`,
  erasureContested: (date) => `On ${date} you asked for these data to be erased. Because the data were blocked, your request is recorded beside them and they are deleted at the end of the period.`,
  version: (n, date) => `Version ${n}, of ${date}`,
  superseded: (date) => `replaced on ${date}`,
  scopes: { restriction: 'practice restricted', prohibition: 'practice prohibited' },
  processingHeading: 'How your data is handled',
  processing: [
    'Your data is exchanged only between public authorities of the member states of the European Economic Area (and the European Commission, where a Union act makes it a party) through IMI. It is not transferred to any country outside it.',
    'No decision about you is taken automatically, and no profiling is done, by this system.',
    'Each authority involved is responsible (controller) for its own processing of your data. Every access to it is recorded in a tamper-evident log.',
  ],
  rightsHeading: 'Your rights',
  rights: [
    'Rectification: if any of this information is wrong or incomplete, you can have it corrected (Article 16 GDPR).',
    'Erasure: you can ask for your data to be erased where it is no longer needed or was processed unlawfully (Article 17 GDPR).',
    'Restriction: you can ask for the use of your data to be restricted while its accuracy or lawfulness is checked (Article 18 GDPR), and you can object to its processing (Article 21 GDPR).',
    'You may address your request to any authority involved in the exchange, not only the one that entered the data. It must act within 30 days and pass the correction or erasure on to every other authority that received your data (Article 19 of the IMI Regulation).',
  ],
  complaintHeading: 'Complaining to a supervisory authority',
  complaint: 'If you think your data is not being handled lawfully, you can lodge a complaint with a data protection supervisory authority, in particular in the member state where you live or work or where the problem occurred (Article 77 GDPR). For this system:',
  signatureHeading: 'Signature and how to check it',
  signature: (state) => `This report is signed electronically by the IMI node of ${state} (a JSON Web Signature, RFC 7515, algorithm EdDSA). The signed report is attached to this PDF as the file access-report.jws: it contains exactly the information shown above.`,
  signingKey: 'Signing key',
  signatureValue: 'Signature value',
  attachedDigest: 'SHA-256 of the attached file',
  howToCheck: 'How to check it: take the node\'s public key with this identifier from the IMI hub\'s signed trust list, and verify the attached file with any JOSE library (for example jose: compactVerify). An authority or a lawyer can do this for you.',
  page: (n, of) => `Page ${n} of ${of}`,
  commission: 'European Commission',
};

const fr: ReportTexts = {
  title: 'Vos données personnelles dans le système d\'information du marché intérieur (IMI)',
  intro: (state) => `Ce rapport répond à votre demande d'accès à vos données personnelles (article 15 du règlement général sur la protection des données (UE) 2016/679 et article 19 du règlement IMI (UE) n° 1024/2012). Il indique toutes les informations vous concernant que le nœud IMI de ${state} détient, pourquoi il les détient, quelles autorités les ont reçues et quand, combien de temps elles sont conservées et ce que vous pouvez faire.`,
  producedOn: 'Établi le',
  producedBy: 'Établi par',
  node: 'Système',
  node_of: (state) => `Nœud IMI de ${state}`,
  personHeading: 'Personne concernée par ce rapport',
  personIntro: 'Nous avons recherché dans tous les échanges une personne identifiée comme suit :',
  summaryHeading: 'Ce que nous avons trouvé',
  summary: (n) => (n === 1 ? 'Un échange entre autorités contient des données personnelles vous concernant. Il est décrit ci-dessous.' : `${n} échanges entre autorités contiennent des données personnelles vous concernant. Chacun est décrit ci-dessous.`),
  none: 'Aucun échange de ce système ne contient de données personnelles vous concernant.',
  exchangeHeading: (i, kind, date) => `${i}. ${kind} du ${date}`,
  kinds: { 'information-request': 'Demande d\'information', 'professional-qualifications-alert': 'Alerte concernant un professionnel', 'services-alert': 'Alerte concernant un prestataire de services', notification: 'Notification' },
  states: {
    sent: 'envoyée, pas encore acceptée', accepted: 'acceptée, réponse en cours', rejected: 'refusée', 'partially-answered': 'réponse partielle', answered: 'répondue',
    'further-information-requested': 'complément d\'information demandé', 'answer-accepted': 'réponse acceptée', closed: 'clôturé', open: 'en cours', withdrawn: 'retirée',
  },
  purpose: 'Finalité',
  purposes: {
    services: 'la coopération entre autorités qui contrôlent les prestataires de services (directive « services » 2006/123/CE)',
    'professional-qualifications': 'la reconnaissance des qualifications professionnelles et le contrôle des professions concernées (directive 2005/36/CE)',
    'patients-rights': 'les soins de santé transfrontaliers, par exemple la vérification du droit d\'exercer d\'un professionnel de santé (directive 2011/24/UE)',
    'euro-cash-transport': 'le transport transfrontalier professionnel d\'euros en espèces par la route (règlement (UE) n° 1214/2011)',
    solvit: 'la résolution, par SOLVIT, d\'un problème avec une administration d\'un autre État membre',
    'posting-of-workers': 'le détachement de travailleurs dans un autre État membre (directive 96/71/CE)',
  },
  unknownPurpose: (area) => `le domaine législatif « ${area} »`,
  legalBasis: 'Base juridique',
  status: 'État',
  closedOn: 'Clôturé le',
  openStill: 'toujours en cours',
  authoritiesInvolved: 'Autorités concernées',
  roles: { requester: 'a posé les questions', addressee: 'a été interrogée', sender: 'l\'a envoyée', recipient: 'l\'a reçue' },
  receivedFrom: 'Nous avons reçu vos données de',
  disclosedTo: 'Nous avons transmis vos données à',
  receivedOn: (date) => `le ${date}`,
  notConfirmed: 'réception pas encore confirmée',
  notDisclosed: 'aucune autre autorité',
  personalData: 'Vos données dans cet échange',
  available: 'conservées et utilisées pour l\'échange',
  blocked: 'verrouillées : conservées uniquement comme preuve de l\'échange et plus visibles dans l\'usage courant',
  retention: 'Durée de conservation',
  retentionClosed: (b, d, bm, dm) => `Verrouillées à partir du ${b} (${bm} mois après la clôture de l'échange) et supprimées le ${d} (${dm} mois après la clôture).`,
  retentionOpen: (bm, dm) => `L'échange est toujours en cours. Vos données seront verrouillées ${bm} mois et supprimées ${dm} mois après sa clôture formelle.`,
  retentionBlocked: (b, d, dm) => `Verrouillées depuis le ${b} ; supprimées le ${d} (${dm} mois après la clôture de l'échange).`,
  dataHeading: 'Les informations vous concernant',
  fields: {
    familyName: 'Nom de famille', givenNames: 'Prénoms', dateOfBirth: 'Date de naissance', placeOfBirth: 'Lieu de naissance', registerNumber: 'Numéro d\'enregistrement',
    nationalId: 'Numéro d\'identification national', nationalIdJustification: 'Pourquoi le numéro d\'identification national était nécessaire',
    profession: 'Profession', decidingAuthority: 'Autorité ayant pris la décision', scope: 'Décision', scopeDetail: 'Précisions sur la décision',
    periodFrom: 'Applicable à partir du', periodUntil: 'Applicable jusqu\'au', decisionDate: 'Date de la décision', providerName: 'Prestataire de services', activity: 'Activité',
    danger: 'Danger signalé', measuresTaken: 'Mesures prises', subject: 'Objet', text: 'Texte', fileName: 'Nom du fichier', note: 'Note',
  },
  questionsAsked: 'Questions posées à votre sujet',
  answer: 'Réponse',
  noAnswer: 'sans réponse',
  freeText: 'Question telle que rédigée par l\'autorité',
  furtherInformation: 'Compléments d\'information demandés',
  documents: 'Documents vous concernant',
  contested: (date) => `Le ${date}, vous avez demandé la rectification de ces données. Comme elles étaient verrouillées, elles n'ont pas été modifiées ; la rectification est enregistrée à côté :`,
  erasureContested: (date) => `Le ${date}, vous avez demandé l'effacement de ces données. Comme elles étaient verrouillées, votre demande est enregistrée à côté et elles sont supprimées à la fin de la période.`,
  version: (n, date) => `Version ${n} du ${date}`,
  superseded: (date) => `remplacée le ${date}`,
  scopes: { restriction: 'exercice restreint', prohibition: 'exercice interdit' },
  processingHeading: 'Comment vos données sont traitées',
  processing: [
    'Vos données ne sont échangées, par IMI, qu\'entre autorités publiques des États membres de l\'Espace économique européen (et la Commission européenne lorsqu\'un acte de l\'Union la rend partie). Elles ne sont transférées vers aucun pays tiers.',
    'Ce système ne prend aucune décision automatisée à votre sujet et ne procède à aucun profilage.',
    'Chaque autorité concernée est responsable (responsable du traitement) de son propre traitement de vos données. Chaque accès est consigné dans un journal infalsifiable.',
  ],
  rightsHeading: 'Vos droits',
  rights: [
    'Rectification : si une de ces informations est inexacte ou incomplète, vous pouvez la faire corriger (article 16 du RGPD).',
    'Effacement : vous pouvez demander l\'effacement de vos données lorsqu\'elles ne sont plus nécessaires ou ont été traitées illicitement (article 17 du RGPD).',
    'Limitation : vous pouvez demander la limitation de l\'utilisation de vos données pendant la vérification de leur exactitude ou de leur licéité (article 18 du RGPD), et vous opposer à leur traitement (article 21 du RGPD).',
    'Vous pouvez adresser votre demande à toute autorité ayant participé à l\'échange, pas seulement à celle qui a saisi les données. Elle doit agir dans les 30 jours et transmettre la rectification ou l\'effacement à toutes les autres autorités qui ont reçu vos données (article 19 du règlement IMI).',
  ],
  complaintHeading: 'Réclamation auprès d\'une autorité de contrôle',
  complaint: 'Si vous estimez que vos données ne sont pas traitées de manière licite, vous pouvez introduire une réclamation auprès d\'une autorité de contrôle de la protection des données, notamment dans l\'État membre où vous résidez, travaillez ou où le problème s\'est produit (article 77 du RGPD). Pour ce système :',
  signatureHeading: 'Signature et comment la vérifier',
  signature: (state) => `Ce rapport est signé électroniquement par le nœud IMI de ${state} (JSON Web Signature, RFC 7515, algorithme EdDSA). Le rapport signé est joint à ce PDF sous le nom access-report.jws : il contient exactement les informations présentées ci-dessus.`,
  signingKey: 'Clé de signature',
  signatureValue: 'Valeur de la signature',
  attachedDigest: 'SHA-256 du fichier joint',
  howToCheck: 'Pour la vérifier : prenez la clé publique du nœud portant cet identifiant dans la liste de confiance signée du hub IMI, et vérifiez le fichier joint avec une bibliothèque JOSE (par exemple jose : compactVerify). Une autorité ou un avocat peut le faire pour vous.',
  page: (n, of) => `Page ${n} sur ${of}`,
  commission: 'Commission européenne',
};

const de: ReportTexts = {
  title: 'Ihre personenbezogenen Daten im Binnenmarkt-Informationssystem (IMI)',
  intro: (state) => `Dieser Bericht beantwortet Ihren Antrag auf Auskunft über Ihre personenbezogenen Daten (Artikel 15 der Datenschutz-Grundverordnung (EU) 2016/679 und Artikel 19 der IMI-Verordnung (EU) Nr. 1024/2012). Er nennt alle Angaben über Sie, die der IMI-Knoten von ${state} speichert, warum er sie speichert, welche Behörden sie wann erhalten haben, wie lange sie aufbewahrt werden und welche Rechte Sie haben.`,
  producedOn: 'Erstellt am',
  producedBy: 'Erstellt von',
  node: 'System',
  node_of: (state) => `IMI-Knoten von ${state}`,
  personHeading: 'Um wen es in diesem Bericht geht',
  personIntro: 'Wir haben alle Vorgänge nach einer Person mit folgenden Angaben durchsucht:',
  summaryHeading: 'Was wir gefunden haben',
  summary: (n) => (n === 1 ? 'Ein Austausch zwischen Behörden enthält personenbezogene Daten über Sie. Er wird unten beschrieben.' : `${n} Vorgänge zwischen Behörden enthalten personenbezogene Daten über Sie. Jeder wird unten beschrieben.`),
  none: 'Kein Vorgang in diesem System enthält personenbezogene Daten über Sie.',
  exchangeHeading: (i, kind, date) => `${i}. ${kind} vom ${date}`,
  kinds: { 'information-request': 'Auskunftsersuchen', 'professional-qualifications-alert': 'Vorwarnung zu einer Berufsangehörigen oder einem Berufsangehörigen', 'services-alert': 'Vorwarnung zu einem Dienstleistungserbringer', notification: 'Mitteilung' },
  states: {
    sent: 'gesendet, noch nicht angenommen', accepted: 'angenommen, in Beantwortung', rejected: 'abgelehnt', 'partially-answered': 'teilweise beantwortet', answered: 'beantwortet',
    'further-information-requested': 'weitere Angaben angefordert', 'answer-accepted': 'Antwort angenommen', closed: 'abgeschlossen', open: 'offen', withdrawn: 'zurückgezogen',
  },
  purpose: 'Zweck',
  purposes: {
    services: 'die Zusammenarbeit der Behörden bei der Aufsicht über Dienstleistungserbringer (Dienstleistungsrichtlinie 2006/123/EG)',
    'professional-qualifications': 'die Anerkennung von Berufsqualifikationen und die Aufsicht über die betroffenen Berufe (Richtlinie 2005/36/EG)',
    'patients-rights': 'die grenzüberschreitende Gesundheitsversorgung, etwa die Prüfung der Berufsausübungsberechtigung von Gesundheitsfachkräften (Richtlinie 2011/24/EU)',
    'euro-cash-transport': 'den gewerbsmäßigen grenzüberschreitenden Straßentransport von Euro-Bargeld (Verordnung (EU) Nr. 1214/2011)',
    solvit: 'die Lösung eines Problems mit einer Behörde eines anderen Mitgliedstaats über SOLVIT',
    'posting-of-workers': 'die Entsendung von Arbeitnehmern in einen anderen Mitgliedstaat (Richtlinie 96/71/EG)',
  },
  unknownPurpose: (area) => `den Rechtsbereich „${area}“`,
  legalBasis: 'Rechtsgrundlage',
  status: 'Stand',
  closedOn: 'Abgeschlossen am',
  openStill: 'noch offen',
  authoritiesInvolved: 'Beteiligte Behörden',
  roles: { requester: 'hat angefragt', addressee: 'wurde angefragt', sender: 'hat gesendet', recipient: 'hat empfangen' },
  receivedFrom: 'Wir haben Ihre Daten erhalten von',
  disclosedTo: 'Wir haben Ihre Daten übermittelt an',
  receivedOn: (date) => `am ${date}`,
  notConfirmed: 'Empfang noch nicht bestätigt',
  notDisclosed: 'keine andere Behörde',
  personalData: 'Ihre Daten in diesem Vorgang',
  available: 'gespeichert und für den Vorgang in Gebrauch',
  blocked: 'gesperrt: nur noch als Nachweis des Vorgangs aufbewahrt und im normalen Gebrauch nicht mehr sichtbar',
  retention: 'Aufbewahrungsdauer',
  retentionClosed: (b, d, bm, dm) => `Gesperrt ab ${b} (${bm} Monate nach Abschluss des Vorgangs) und gelöscht am ${d} (${dm} Monate nach Abschluss).`,
  retentionOpen: (bm, dm) => `Der Vorgang ist noch offen. Ihre Daten werden ${bm} Monate nach seinem förmlichen Abschluss gesperrt und ${dm} Monate danach gelöscht.`,
  retentionBlocked: (b, d, dm) => `Gesperrt seit ${b}; gelöscht am ${d} (${dm} Monate nach Abschluss des Vorgangs).`,
  dataHeading: 'Die Angaben über Sie',
  fields: {
    familyName: 'Familienname', givenNames: 'Vornamen', dateOfBirth: 'Geburtsdatum', placeOfBirth: 'Geburtsort', registerNumber: 'Registernummer',
    nationalId: 'Nationale Identifikationsnummer', nationalIdJustification: 'Warum die nationale Identifikationsnummer nötig war',
    profession: 'Beruf', decidingAuthority: 'Entscheidende Behörde', scope: 'Entscheidung', scopeDetail: 'Einzelheiten der Entscheidung',
    periodFrom: 'Gilt ab', periodUntil: 'Gilt bis', decisionDate: 'Datum der Entscheidung', providerName: 'Dienstleistungserbringer', activity: 'Tätigkeit',
    danger: 'Beschriebene Gefahr', measuresTaken: 'Getroffene Maßnahmen', subject: 'Betreff', text: 'Text', fileName: 'Dateiname', note: 'Hinweis',
  },
  questionsAsked: 'Fragen zu Ihrer Person',
  answer: 'Antwort',
  noAnswer: 'nicht beantwortet',
  freeText: 'Frage im Wortlaut der Behörde',
  furtherInformation: 'Angeforderte weitere Angaben',
  documents: 'Dokumente über Sie',
  contested: (date) => `Am ${date} haben Sie die Berichtigung dieser Daten verlangt. Da sie gesperrt waren, wurden sie nicht geändert; die Berichtigung ist daneben vermerkt:`,
  erasureContested: (date) => `Am ${date} haben Sie die Löschung dieser Daten verlangt. Da sie gesperrt waren, ist Ihr Antrag daneben vermerkt, und sie werden am Ende der Frist gelöscht.`,
  version: (n, date) => `Fassung ${n} vom ${date}`,
  superseded: (date) => `ersetzt am ${date}`,
  scopes: { restriction: 'Berufsausübung beschränkt', prohibition: 'Berufsausübung untersagt' },
  processingHeading: 'Wie Ihre Daten verarbeitet werden',
  processing: [
    'Ihre Daten werden über IMI nur zwischen Behörden der Mitgliedstaaten des Europäischen Wirtschaftsraums ausgetauscht (und mit der Europäischen Kommission, wenn ein Unionsrechtsakt sie beteiligt). Sie werden in kein Drittland übermittelt.',
    'Dieses System trifft keine automatisierten Entscheidungen über Sie und erstellt kein Profiling.',
    'Jede beteiligte Behörde ist für ihre eigene Verarbeitung Ihrer Daten verantwortlich (Verantwortliche). Jeder Zugriff wird in einem manipulationssicheren Protokoll festgehalten.',
  ],
  rightsHeading: 'Ihre Rechte',
  rights: [
    'Berichtigung: Sind Angaben falsch oder unvollständig, können Sie sie berichtigen lassen (Artikel 16 DSGVO).',
    'Löschung: Sie können die Löschung Ihrer Daten verlangen, wenn sie nicht mehr benötigt werden oder unrechtmäßig verarbeitet wurden (Artikel 17 DSGVO).',
    'Einschränkung: Sie können verlangen, dass die Verarbeitung Ihrer Daten eingeschränkt wird, solange ihre Richtigkeit oder Rechtmäßigkeit geprüft wird (Artikel 18 DSGVO), und Sie können der Verarbeitung widersprechen (Artikel 21 DSGVO).',
    'Sie können sich an jede am Vorgang beteiligte Behörde wenden, nicht nur an die, die die Daten eingegeben hat. Sie muss innerhalb von 30 Tagen handeln und die Berichtigung oder Löschung an alle anderen Behörden weitergeben, die Ihre Daten erhalten haben (Artikel 19 der IMI-Verordnung).',
  ],
  complaintHeading: 'Beschwerde bei einer Aufsichtsbehörde',
  complaint: 'Wenn Sie meinen, dass Ihre Daten nicht rechtmäßig verarbeitet werden, können Sie sich bei einer Datenschutz-Aufsichtsbehörde beschweren, insbesondere in dem Mitgliedstaat, in dem Sie wohnen oder arbeiten oder in dem das Problem auftrat (Artikel 77 DSGVO). Für dieses System:',
  signatureHeading: 'Signatur und wie sie geprüft wird',
  signature: (state) => `Dieser Bericht ist vom IMI-Knoten von ${state} elektronisch signiert (JSON Web Signature, RFC 7515, Verfahren EdDSA). Der signierte Bericht ist dieser PDF-Datei als Datei access-report.jws beigefügt: Er enthält genau die oben gezeigten Angaben.`,
  signingKey: 'Signaturschlüssel',
  signatureValue: 'Signaturwert',
  attachedDigest: 'SHA-256 der beigefügten Datei',
  howToCheck: 'So prüfen Sie sie: Nehmen Sie den öffentlichen Schlüssel des Knotens mit dieser Kennung aus der signierten Vertrauensliste des IMI-Hubs und prüfen Sie die beigefügte Datei mit einer JOSE-Bibliothek (zum Beispiel jose: compactVerify). Eine Behörde oder ein Anwalt kann das für Sie tun.',
  page: (n, of) => `Seite ${n} von ${of}`,
  commission: 'Europäische Kommission',
};

const es: ReportTexts = {
  title: 'Sus datos personales en el Sistema de Información del Mercado Interior (IMI)',
  intro: (state) => `Este informe responde a su solicitud de acceso a sus datos personales (artículo 15 del Reglamento General de Protección de Datos (UE) 2016/679 y artículo 19 del Reglamento IMI (UE) n.º 1024/2012). Recoge toda la información sobre usted que conserva el nodo IMI de ${state}, por qué la conserva, qué autoridades la recibieron y cuándo, cuánto tiempo se guarda y qué puede hacer usted.`,
  producedOn: 'Emitido el',
  producedBy: 'Emitido por',
  node: 'Sistema',
  node_of: (state) => `Nodo IMI de ${state}`,
  personHeading: 'A quién se refiere este informe',
  personIntro: 'Hemos buscado en todos los intercambios a una persona identificada así:',
  summaryHeading: 'Qué hemos encontrado',
  summary: (n) => (n === 1 ? 'Un intercambio entre autoridades contiene datos personales sobre usted. Se describe a continuación.' : `${n} intercambios entre autoridades contienen datos personales sobre usted. Cada uno se describe a continuación.`),
  none: 'Ningún intercambio de este sistema contiene datos personales sobre usted.',
  exchangeHeading: (i, kind, date) => `${i}. ${kind} del ${date}`,
  kinds: { 'information-request': 'Solicitud de información', 'professional-qualifications-alert': 'Alerta sobre un profesional', 'services-alert': 'Alerta sobre un prestador de servicios', notification: 'Notificación' },
  states: {
    sent: 'enviada, aún no aceptada', accepted: 'aceptada, en respuesta', rejected: 'rechazada', 'partially-answered': 'respondida en parte', answered: 'respondida',
    'further-information-requested': 'se pidió más información', 'answer-accepted': 'respuesta aceptada', closed: 'cerrado', open: 'abierta', withdrawn: 'retirada',
  },
  purpose: 'Finalidad',
  purposes: {
    services: 'la cooperación entre autoridades que supervisan a prestadores de servicios (Directiva de servicios 2006/123/CE)',
    'professional-qualifications': 'el reconocimiento de cualificaciones profesionales y la supervisión de las profesiones afectadas (Directiva 2005/36/CE)',
    'patients-rights': 'la asistencia sanitaria transfronteriza, por ejemplo comprobar el derecho a ejercer de un profesional sanitario (Directiva 2011/24/UE)',
    'euro-cash-transport': 'el transporte profesional transfronterizo de efectivo en euros por carretera (Reglamento (UE) n.º 1214/2011)',
    solvit: 'resolver, mediante SOLVIT, un problema con una administración de otro Estado miembro',
    'posting-of-workers': 'el desplazamiento de trabajadores a otro Estado miembro (Directiva 96/71/CE)',
  },
  unknownPurpose: (area) => `el ámbito legislativo «${area}»`,
  legalBasis: 'Base jurídica',
  status: 'Estado',
  closedOn: 'Cerrado el',
  openStill: 'aún abierto',
  authoritiesInvolved: 'Autoridades que intervienen',
  roles: { requester: 'hizo las preguntas', addressee: 'fue consultada', sender: 'la envió', recipient: 'la recibió' },
  receivedFrom: 'Recibimos sus datos de',
  disclosedTo: 'Transmitimos sus datos a',
  receivedOn: (date) => `el ${date}`,
  notConfirmed: 'recepción aún no confirmada',
  notDisclosed: 'ninguna otra autoridad',
  personalData: 'Sus datos en este intercambio',
  available: 'conservados y en uso para el intercambio',
  blocked: 'bloqueados: se conservan solo como prueba del intercambio y ya no son visibles en el uso normal',
  retention: 'Plazo de conservación',
  retentionClosed: (b, d, bm, dm) => `Bloqueados desde el ${b} (${bm} meses después del cierre del intercambio) y suprimidos el ${d} (${dm} meses después del cierre).`,
  retentionOpen: (bm, dm) => `El intercambio sigue abierto. Sus datos se bloquearán ${bm} meses y se suprimirán ${dm} meses después de su cierre formal.`,
  retentionBlocked: (b, d, dm) => `Bloqueados desde el ${b}; se suprimen el ${d} (${dm} meses después del cierre del intercambio).`,
  dataHeading: 'La información sobre usted',
  fields: {
    familyName: 'Apellidos', givenNames: 'Nombre', dateOfBirth: 'Fecha de nacimiento', placeOfBirth: 'Lugar de nacimiento', registerNumber: 'Número de registro',
    nationalId: 'Número de identificación nacional', nationalIdJustification: 'Por qué se necesitaba el número de identificación nacional',
    profession: 'Profesión', decidingAuthority: 'Autoridad que adoptó la decisión', scope: 'Decisión', scopeDetail: 'Detalles de la decisión',
    periodFrom: 'Aplicable desde', periodUntil: 'Aplicable hasta', decisionDate: 'Fecha de la decisión', providerName: 'Prestador de servicios', activity: 'Actividad',
    danger: 'Peligro descrito', measuresTaken: 'Medidas adoptadas', subject: 'Asunto', text: 'Texto', fileName: 'Nombre del archivo', note: 'Nota',
  },
  questionsAsked: 'Preguntas formuladas sobre usted',
  answer: 'Respuesta',
  noAnswer: 'sin respuesta',
  freeText: 'Pregunta tal como la redactó la autoridad',
  furtherInformation: 'Información adicional solicitada',
  documents: 'Documentos que le conciernen',
  contested: (date) => `El ${date} usted pidió la rectificación de estos datos. Como estaban bloqueados, no se modificaron; la rectificación consta junto a ellos:`,
  erasureContested: (date) => `El ${date} usted pidió la supresión de estos datos. Como estaban bloqueados, su solicitud consta junto a ellos y se suprimen al final del plazo.`,
  version: (n, date) => `Versión ${n}, del ${date}`,
  superseded: (date) => `sustituida el ${date}`,
  scopes: { restriction: 'ejercicio restringido', prohibition: 'ejercicio prohibido' },
  processingHeading: 'Cómo se tratan sus datos',
  processing: [
    'Sus datos solo se intercambian, a través de IMI, entre autoridades públicas de los Estados miembros del Espacio Económico Europeo (y la Comisión Europea cuando un acto de la Unión la hace parte). No se transfieren a ningún tercer país.',
    'Este sistema no toma decisiones automatizadas sobre usted ni elabora perfiles.',
    'Cada autoridad que interviene es responsable (responsable del tratamiento) de su propio tratamiento de sus datos. Cada acceso queda registrado en un registro a prueba de manipulaciones.',
  ],
  rightsHeading: 'Sus derechos',
  rights: [
    'Rectificación: si alguna información es inexacta o incompleta, puede pedir que se corrija (artículo 16 del RGPD).',
    'Supresión: puede pedir que se supriman sus datos cuando ya no sean necesarios o se hayan tratado ilícitamente (artículo 17 del RGPD).',
    'Limitación: puede pedir que se limite el uso de sus datos mientras se comprueba su exactitud o licitud (artículo 18 del RGPD), y puede oponerse a su tratamiento (artículo 21 del RGPD).',
    'Puede dirigir su solicitud a cualquier autoridad que haya intervenido en el intercambio, no solo a la que introdujo los datos. Debe actuar en un plazo de 30 días y transmitir la rectificación o supresión a todas las demás autoridades que recibieron sus datos (artículo 19 del Reglamento IMI).',
  ],
  complaintHeading: 'Reclamación ante una autoridad de control',
  complaint: 'Si considera que sus datos no se tratan de forma lícita, puede presentar una reclamación ante una autoridad de control de protección de datos, en particular en el Estado miembro donde reside o trabaja o donde se produjo el problema (artículo 77 del RGPD). Para este sistema:',
  signatureHeading: 'Firma y cómo comprobarla',
  signature: (state) => `Este informe está firmado electrónicamente por el nodo IMI de ${state} (JSON Web Signature, RFC 7515, algoritmo EdDSA). El informe firmado se adjunta a este PDF como el archivo access-report.jws: contiene exactamente la información mostrada arriba.`,
  signingKey: 'Clave de firma',
  signatureValue: 'Valor de la firma',
  attachedDigest: 'SHA-256 del archivo adjunto',
  howToCheck: 'Cómo comprobarla: tome la clave pública del nodo con este identificador de la lista de confianza firmada del hub de IMI y verifique el archivo adjunto con cualquier biblioteca JOSE (por ejemplo jose: compactVerify). Una autoridad o un abogado pueden hacerlo por usted.',
  page: (n, of) => `Página ${n} de ${of}`,
  commission: 'Comisión Europea',
};

const da: ReportTexts = {
  title: 'Dine personoplysninger i informationssystemet for det indre marked (IMI)',
  intro: (state) => `Denne rapport besvarer din anmodning om indsigt i dine personoplysninger (artikel 15 i databeskyttelsesforordningen (EU) 2016/679 og artikel 19 i IMI-forordningen (EU) nr. 1024/2012). Den viser alle oplysninger om dig, som IMI-knuden for ${state} opbevarer, hvorfor den opbevarer dem, hvilke myndigheder der har modtaget dem og hvornår, hvor længe de opbevares, og hvad du kan gøre.`,
  producedOn: 'Udarbejdet den',
  producedBy: 'Udarbejdet af',
  node: 'System',
  node_of: (state) => `IMI-knuden for ${state}`,
  personHeading: 'Hvem rapporten handler om',
  personIntro: 'Vi har søgt i alle udvekslinger efter en person med disse oplysninger:',
  summaryHeading: 'Hvad vi fandt',
  summary: (n) => (n === 1 ? 'Én udveksling mellem myndigheder indeholder personoplysninger om dig. Den er beskrevet nedenfor.' : `${n} udvekslinger mellem myndigheder indeholder personoplysninger om dig. Hver af dem er beskrevet nedenfor.`),
  none: 'Ingen udveksling i dette system indeholder personoplysninger om dig.',
  exchangeHeading: (i, kind, date) => `${i}. ${kind} af ${date}`,
  kinds: { 'information-request': 'Anmodning om oplysninger', 'professional-qualifications-alert': 'Advarsel om en erhvervsudøver', 'services-alert': 'Advarsel om en tjenesteyder', notification: 'Meddelelse' },
  states: {
    sent: 'sendt, endnu ikke accepteret', accepted: 'accepteret, besvares', rejected: 'afvist', 'partially-answered': 'delvist besvaret', answered: 'besvaret',
    'further-information-requested': 'yderligere oplysninger anmodet', 'answer-accepted': 'svar accepteret', closed: 'afsluttet', open: 'åben', withdrawn: 'trukket tilbage',
  },
  purpose: 'Formål',
  purposes: {
    services: 'samarbejde mellem myndigheder, der fører tilsyn med tjenesteydere (servicedirektivet 2006/123/EF)',
    'professional-qualifications': 'anerkendelse af erhvervsmæssige kvalifikationer og tilsyn med de berørte erhverv (direktiv 2005/36/EF)',
    'patients-rights': 'grænseoverskridende sundhedsydelser, fx kontrol af en sundhedspersons ret til at udøve sit erhverv (direktiv 2011/24/EU)',
    'euro-cash-transport': 'erhvervsmæssig grænseoverskridende vejtransport af eurokontanter (forordning (EU) nr. 1214/2011)',
    solvit: 'at løse et problem med en myndighed i en anden medlemsstat gennem SOLVIT',
    'posting-of-workers': 'udstationering af arbejdstagere i en anden medlemsstat (direktiv 96/71/EF)',
  },
  unknownPurpose: (area) => `lovgivningsområdet »${area}«`,
  legalBasis: 'Retsgrundlag',
  status: 'Status',
  closedOn: 'Afsluttet den',
  openStill: 'stadig åben',
  authoritiesInvolved: 'Involverede myndigheder',
  roles: { requester: 'stillede spørgsmålene', addressee: 'blev spurgt', sender: 'sendte den', recipient: 'modtog den' },
  receivedFrom: 'Vi modtog dine oplysninger fra',
  disclosedTo: 'Vi videregav dine oplysninger til',
  receivedOn: (date) => `den ${date}`,
  notConfirmed: 'modtagelse endnu ikke bekræftet',
  notDisclosed: 'ingen anden myndighed',
  personalData: 'Dine oplysninger i denne udveksling',
  available: 'opbevares og bruges i udvekslingen',
  blocked: 'spærret: opbevares kun som bevis for udvekslingen og er ikke længere synlige ved almindelig brug',
  retention: 'Hvor længe de opbevares',
  retentionClosed: (b, d, bm, dm) => `Spærret fra ${b} (${bm} måneder efter at udvekslingen blev afsluttet) og slettet den ${d} (${dm} måneder efter afslutningen).`,
  retentionOpen: (bm, dm) => `Udvekslingen er stadig åben. Dine oplysninger spærres ${bm} måneder og slettes ${dm} måneder efter den formelle afslutning.`,
  retentionBlocked: (b, d, dm) => `Spærret siden ${b}; slettes den ${d} (${dm} måneder efter at udvekslingen blev afsluttet).`,
  dataHeading: 'Oplysningerne om dig',
  fields: {
    familyName: 'Efternavn', givenNames: 'Fornavne', dateOfBirth: 'Fødselsdato', placeOfBirth: 'Fødested', registerNumber: 'Registreringsnummer',
    nationalId: 'Nationalt identifikationsnummer', nationalIdJustification: 'Hvorfor det nationale identifikationsnummer var nødvendigt',
    profession: 'Erhverv', decidingAuthority: 'Myndighed, der traf afgørelsen', scope: 'Afgørelse', scopeDetail: 'Nærmere om afgørelsen',
    periodFrom: 'Gælder fra', periodUntil: 'Gælder til', decisionDate: 'Dato for afgørelsen', providerName: 'Tjenesteyder', activity: 'Aktivitet',
    danger: 'Beskrevet fare', measuresTaken: 'Trufne foranstaltninger', subject: 'Emne', text: 'Tekst', fileName: 'Filnavn', note: 'Bemærkning',
  },
  questionsAsked: 'Spørgsmål stillet om dig',
  answer: 'Svar',
  noAnswer: 'ikke besvaret',
  freeText: 'Spørgsmålet som myndigheden skrev det',
  furtherInformation: 'Anmodede yderligere oplysninger',
  documents: 'Dokumenter om dig',
  contested: (date) => `Den ${date} bad du om at få disse oplysninger berigtiget. Da de var spærret, blev de ikke ændret; berigtigelsen er noteret ved siden af:`,
  erasureContested: (date) => `Den ${date} bad du om at få disse oplysninger slettet. Da de var spærret, er din anmodning noteret ved siden af, og de slettes ved periodens udløb.`,
  version: (n, date) => `Version ${n} af ${date}`,
  superseded: (date) => `erstattet den ${date}`,
  scopes: { restriction: 'udøvelse begrænset', prohibition: 'udøvelse forbudt' },
  processingHeading: 'Sådan behandles dine oplysninger',
  processing: [
    'Dine oplysninger udveksles via IMI kun mellem offentlige myndigheder i medlemsstaterne i Det Europæiske Økonomiske Samarbejdsområde (og Europa-Kommissionen, når en EU-retsakt gør den til part). De overføres ikke til lande uden for området.',
    'Systemet træffer ingen automatiske afgørelser om dig og foretager ingen profilering.',
    'Hver involveret myndighed er ansvarlig (dataansvarlig) for sin egen behandling af dine oplysninger. Hver adgang registreres i en log, der ikke kan ændres ubemærket.',
  ],
  rightsHeading: 'Dine rettigheder',
  rights: [
    'Berigtigelse: Er en oplysning forkert eller ufuldstændig, kan du få den rettet (databeskyttelsesforordningens artikel 16).',
    'Sletning: Du kan bede om at få dine oplysninger slettet, når de ikke længere er nødvendige eller er behandlet ulovligt (artikel 17).',
    'Begrænsning: Du kan bede om, at brugen af dine oplysninger begrænses, mens deres rigtighed eller lovlighed undersøges (artikel 18), og du kan gøre indsigelse mod behandlingen (artikel 21).',
    'Du kan rette din anmodning til enhver myndighed, der deltog i udvekslingen, ikke kun den, der indtastede oplysningerne. Den skal handle inden 30 dage og videregive berigtigelsen eller sletningen til alle andre myndigheder, der har modtaget dine oplysninger (artikel 19 i IMI-forordningen).',
  ],
  complaintHeading: 'Klage til en tilsynsmyndighed',
  complaint: 'Mener du, at dine oplysninger ikke behandles lovligt, kan du klage til en databeskyttelsesmyndighed, navnlig i den medlemsstat, hvor du bor eller arbejder, eller hvor problemet opstod (artikel 77). For dette system:',
  signatureHeading: 'Signatur og hvordan den kontrolleres',
  signature: (state) => `Denne rapport er signeret elektronisk af IMI-knuden for ${state} (JSON Web Signature, RFC 7515, algoritme EdDSA). Den signerede rapport er vedhæftet denne PDF som filen access-report.jws: den indeholder præcis de oplysninger, der er vist ovenfor.`,
  signingKey: 'Signeringsnøgle',
  signatureValue: 'Signaturværdi',
  attachedDigest: 'SHA-256 af den vedhæftede fil',
  howToCheck: 'Sådan kontrolleres den: Tag knudens offentlige nøgle med denne identifikation fra IMI-hubbens signerede tillidsliste, og kontrollér den vedhæftede fil med et JOSE-bibliotek (fx jose: compactVerify). En myndighed eller en advokat kan gøre det for dig.',
  page: (n, of) => `Side ${n} af ${of}`,
  commission: 'Europa-Kommissionen',
};

export const REPORT_TEXTS: Record<ReportLanguage, ReportTexts> = { en, fr, de, es, da };
