//! British and American spellings of the same word, for `style/spelling-variant`.
//!
//! Each line: `uk-stem us-stem [flags]: suffixes`. Every suffix (`-` for none) is added to both
//! stems. A line `= uk/us uk/us … [!]` lists whole words instead. Flags: `!` the American form is also a British word (British "meter" is a gauge,
//! "program" is software), so it is never reported as American; `z` an Oxford spelling (-ize is
//! British too), so the -ize form is never reported as American either.
//! Written for this project from the common spelling differences; no external list.

use super::text::FastMap;
use std::sync::LazyLock;

const TABLE: &str = "
organis organiz z: e es ed ing ation ations ational er ers
recognis recogniz z: e es ed ing able ably ition
realis realiz z: e es ed ing ation
criticis criticiz z: e es ed ing
apologis apologiz z: e es ed ing
emphasis emphasiz z: e es ed ing
prioritis prioritiz z: e es ed ing ation
mobilis mobiliz z: e es ed ing ation
authoris authoriz z: e es ed ing ation ations
characteris characteriz z: e es ed ing ation
legalis legaliz z: e es ed ing ation
minimis minimiz z: e es ed ing
maximis maximiz z: e es ed ing
modernis moderniz z: e es ed ing ation
normalis normaliz z: e es ed ing ation
privatis privatiz z: e es ed ing ation ations
stabilis stabiliz z: e es ed ing ation er ers
subsidis subsidiz z: e es ed ing
summaris summariz z: e es ed ing
symbolis symboliz z: e es ed ing
utilis utiliz z: e es ed ing ation
finalis finaliz z: e es ed ing
hospitalis hospitaliz z: e es ed ing ation
neutralis neutraliz z: e es ed ing
penalis penaliz z: e es ed ing
polaris polariz z: e es ed ing ation
jeopardis jeopardiz z: e es ed ing
destabilis destabiliz z: e es ed ing ation
scrutinis scrutiniz z: e es ed ing
sympathis sympathiz z: e es ed ing er ers
antagonis antagoniz z: e es ed ing
capitalis capitaliz z: e es ed ing ation
centralis centraliz z: e es ed ing ation
decentralis decentraliz z: e es ed ing ation
civilis civiliz z: e ed ation ations
colonis coloniz z: e es ed ing ation er ers
energis energiz z: e es ed ing
equalis equaliz z: e es ed ing er
familiaris familiariz z: e es ed ing
fertilis fertiliz z: e es ed ing er ers
generalis generaliz z: e es ed ing ation ations
globalis globaliz z: e es ed ing ation
harmonis harmoniz z: e es ed ing ation
idolis idoliz z: e es ed ing
immunis immuniz z: e es ed ing ation ations
industrialis industrializ z: e es ed ing ation
legitimis legitimiz z: e es ed ing
localis localiz z: e es ed ing
marginalis marginaliz z: e es ed ing ation
memoris memoriz z: e es ed ing
militaris militariz z: e es ed ing ation
demilitaris demilitariz z: e es ed ing ation
monopolis monopoliz z: e es ed ing
nationalis nationaliz z: e es ed ing ation
optimis optimiz z: e es ed ing ation
patronis patroniz z: e es ed ing
popularis populariz z: e es ed ing
publicis publiciz z: e es ed ing
rationalis rationaliz z: e es ed ing ation
revitalis revitaliz z: e es ed ing ation
sanitis sanitiz z: e es ed ing er
specialis specializ z: e es ed ing ation
standardis standardiz z: e es ed ing ation
sterilis steriliz z: e es ed ing ation
terroris terroriz z: e es ed ing
traumatis traumatiz z: e es ed ing
unionis unioniz z: e es ed ing ation
urbanis urbaniz z: e es ed ing ation
visualis visualiz z: e es ed ing ation
westernis westerniz z: e es ed ing ation
categoris categoriz z: e es ed ing ation
democratis democratiz z: e es ed ing ation
digitis digitiz z: e es ed ing ation
evangelis evangeliz z: e es ed ing
fantasis fantasiz z: e es ed ing
formalis formaliz z: e es ed ing
liberalis liberaliz z: e es ed ing ation
mesmeris mesmeriz z: e es ed ing
monetis monetiz z: e es ed ing ation
moralis moraliz z: e es ed ing
naturalis naturaliz z: e es ed ing ation
ostracis ostraciz z: e es ed ing
personalis personaliz z: e es ed ing ation
plagiaris plagiariz z: e es ed ing
politicis politiciz z: e es ed ing ation
pressuris pressuriz z: e es ed ing
radicalis radicaliz z: e es ed ing ation
randomis randomiz z: e es ed ing
regularis regulariz z: e es ed ing
reorganis reorganiz z: e es ed ing ation
scandalis scandaliz z: e es ed ing
secularis seculariz z: e es ed ing
sensationalis sensationaliz z: e es ed ing
socialis socializ z: e es ed ing
stigmatis stigmatiz z: e es ed ing
synchronis synchroniz z: e es ed ing
tantalis tantaliz z: e es ed ing
theoris theoriz z: e es ed ing
vandalis vandaliz z: e es ed ing
victimis victimiz z: e es ed ing
vocalis vocaliz z: e es ed ing
compartmentalis compartmentaliz z: e es ed ing
computeris computeriz z: e ed
commercialis commercializ z: e es ed ing ation
criminalis criminaliz z: e es ed ing ation
decriminalis decriminaliz z: e es ed ing ation
dramatis dramatiz z: e es ed ing ation
economis economiz z: e es ed ing
empathis empathiz z: e es ed ing
euthanis euthaniz z: e es ed ing
incentivis incentiviz z: e es ed ing
institutionalis institutionaliz z: e es ed ing
internalis internaliz z: e es ed ing
maximis maximiz z: e es ed ing
mechanis mechaniz z: e ed ation
memorialis memorializ z: e es ed ing
miniaturis miniaturiz z: e ed ation
oxidis oxidiz z: e es ed ing
revolutionis revolutioniz z: e es ed ing
satiris satiriz z: e es ed ing
trivialis trivializ z: e es ed ing
analys analyz: e es ed ing er ers
paralys paralyz: e es ed ing
catalys catalyz: e es ed ing
colour color: - s ed ing ful fully less ation ations
discolour discolor: - s ed ing
favour favor: - s ed ing able ably ite ites itism
unfavourabl unfavorabl: e y
honour honor: - s ed ing able ably ary
dishonour dishonor: - s ed able
humour humor: - s ed less
labour labor: - s ed ing er ers
neighbour neighbor: - s hood hoods ing ly
behaviour behavior: - s al ally
misbehaviour misbehavior: -
harbour harbor: - s ed ing
flavour flavor: - s ed ing ful less
rumour rumor: - s ed
vigour vigor: -
valour valor: -
vapour vapor: - s
endeavour endeavor: - s ed ing
armour armor: - ed y
odour odor: - s less
parlour parlor: - s
splendour splendor: -
rigour rigor: - s
candour candor: -
clamour clamor: - s ed ing
fervour fervor: -
tumour tumor: - s
demeanour demeanor: -
saviour savior: - s
= centre/center centres/centers centred/centered
= theatre/theater theatres/theaters
= fibre/fiber fibres/fibers
= calibre/caliber sombre/somber spectre/specter lustre/luster meagre/meager
= litre/liter litres/liters
= metre/meter metres/meters !
= centimetre/centimeter centimetres/centimeters kilometre/kilometer kilometres/kilometers
= millimetre/millimeter millimetres/millimeters
= manoeuvre/maneuver manoeuvres/maneuvers manoeuvred/maneuvered manoeuvring/maneuvering
= manoeuvrable/maneuverable
defenc defens: e es eless
offenc offens: e es
pretenc pretens: e es
licenc licens !: e es
travell travel: ed ing er ers
cancell cancel: ed ing
labell label: ed ing
modell model: ed ing
fuell fuel: ed ing
levell level: ed ing
signall signal: ed ing
channell channel: ed ing
counsell counsel: ed ing or ors
totall total: ed ing
quarrell quarrel: ed ing
marvell marvel: ed ing ous ously
diall dial: ed ing
equall equal: ed ing
libell libel: ed ing
tunnell tunnel: ed ing
grovell grovel: ed ing
snorkell snorkel: ed ing
woollen woolen: -
jewellery jewelry: -
focuss focus !: ed ing
worshipp worship !: ed ing er ers
enrolment enrollment: - s
instalment installment: - s
fulfil fulfill: - s ment
skilful skillful: - ly
wilful willful: - ly
grey gray: - s er est ing ish
mould mold: - s ed ing y
smoulder smolder: - s ed ing
plough plow: - s ed ing
moustache mustache: - s
pyjama pajama: s
aluminium aluminum: -
sceptic skeptic: - s al ally ism
paediatric pediatric: - s ian ians
anaesthe anesthe: tic tics sia tist tists
orthopaedic orthopedic: - s
encyclopaedia encyclopedia: - s
haemorrhag hemorrhag: e es ed ing
haemoglobin hemoglobin: -
leukaemia leukemia: -
anaemi anemi: a c
diarrhoea diarrhea: -
oesophag esophag: us eal
oestrogen estrogen: -
foet fet: us uses al
ageing aging: -
artefact artifact: - s
= catalogue/catalog catalogues/catalogs catalogued/cataloged
= analogue/analog analogues/analogs !
= maths/math
= gaol/jail gaols/jails gaoled/jailed !
cosi cozi: er est ly ness
cosy cozy: -
sulphur sulfur: - ic
sulphate sulfate: - s
programme program !: - s
tyre tire !: - s
kerb curb !: - s
cheque check !: - s
storey story !: - s
draught draft !: - s
practis practic !: e es
practis practic: ed ing
judgement judgment !: - s
acknowledgement acknowledgment !: - s
speciality specialty !: -
specialiti specialti !: es
";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Variety {
    Uk,
    Us,
}

#[derive(Debug, Clone)]
pub(crate) struct Entry {
    pub variety: Variety,
    /// The same word in the other variety.
    pub other: String,
    /// For an American form: whether it may be reported as American (it is not also a
    /// British word).
    pub reportable: bool,
    /// An -ize form, which Oxford spelling shares: never reported under the UK setting.
    pub oxford: bool,
}

pub(crate) static SPELLINGS: LazyLock<FastMap<String, Entry>> = LazyLock::new(|| {
    let mut map = FastMap::default();
    for line in TABLE.lines() {
        let mut add = |u: String, a: String, ambiguous: bool, oxford: bool| {
            if u == a {
                return;
            }
            map.entry(u.clone()).or_insert(Entry {
                variety: Variety::Uk,
                other: a.clone(),
                reportable: true,
                oxford,
            });
            map.entry(a).or_insert(Entry {
                variety: Variety::Us,
                other: u,
                reportable: !ambiguous,
                oxford,
            });
        };
        if let Some(pairs) = line.strip_prefix('=') {
            let ambiguous = pairs.trim_end().ends_with('!');
            for p in pairs.split_whitespace() {
                if let Some((u, a)) = p.split_once('/') {
                    add(u.to_string(), a.to_string(), ambiguous, false);
                }
            }
            continue;
        }
        let Some((head, suffixes)) = line.split_once(':') else {
            continue;
        };
        let mut h = head.split_whitespace();
        let (Some(uk), Some(us)) = (h.next(), h.next()) else {
            continue;
        };
        let flags: String = h.collect();
        let ambiguous = flags.contains('!');
        let oxford = flags.contains('z');
        for s in suffixes.split_whitespace() {
            let s = if s == "-" { "" } else { s };
            add(format!("{uk}{s}"), format!("{us}{s}"), ambiguous, oxford);
        }
    }
    map
});

/// A cheap first test before the table lookup: a bit per (length, last two letters) seen among
/// the table's words. Most words of a draft fail it.
pub(crate) static MAYBE: LazyLock<Vec<u64>> = LazyLock::new(|| {
    let mut bits = vec![0u64; BITS / 64];
    for w in SPELLINGS.keys() {
        let k = sketch(w.as_bytes());
        bits[k / 64] |= 1 << (k % 64);
    }
    bits
});

const BITS: usize = 1 << 15;

fn sketch(w: &[u8]) -> usize {
    let n = w.len();
    if n < 2 {
        return 0;
    }
    ((n & 31) << 10) | ((w[n - 2] as usize & 31) << 5) | (w[n - 1] as usize & 31)
}

/// Whether `word` (lower case) may be in the table.
pub(crate) fn maybe_listed(word: &[u8]) -> bool {
    let k = sketch(word);
    MAYBE[k / 64] & (1 << (k % 64)) != 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_pairs_both_ways() {
        let e = &SPELLINGS["organisation"];
        assert_eq!((e.variety, e.other.as_str()), (Variety::Uk, "organization"));
        assert!(SPELLINGS["organization"].oxford);
        assert!(SPELLINGS["color"].reportable);
        assert!(!SPELLINGS["meter"].reportable);
        assert_eq!(SPELLINGS["travelled"].other, "traveled");
        // No word is listed as both British and American.
        for (w, e) in SPELLINGS.iter() {
            assert_ne!(w, &e.other);
        }
        assert!(!SPELLINGS.contains_key("emphasis"));
        for w in SPELLINGS.keys() {
            assert!(maybe_listed(w.as_bytes()), "{w}");
        }
        assert_eq!(SPELLINGS["centred"].other, "centered");
        assert!(!SPELLINGS["meters"].reportable);
        assert_eq!(SPELLINGS["catalogs"].other, "catalogues");
        assert!(!SPELLINGS.contains_key("practice") || !SPELLINGS["practice"].reportable);
    }
}
