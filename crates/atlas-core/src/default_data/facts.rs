//! Facts of the Leicester City default, as published. Generated once from the table in
//! the foundation issue; edit with care: tests check the counts and sums.

/// A PCN as the paper lists it.
#[derive(Debug, Clone, Copy)]
pub struct PcnFact {
    pub code: &'static str,
    pub name: &'static str,
    pub published_list_size: u64,
}

/// A practice as the paper names it, with NHS Digital and OS Code-Point facts.
#[derive(Debug, Clone, Copy)]
pub struct PracticeFact {
    pub pcn_code: &'static str,
    pub name: &'static str,
    pub code: &'static str,
    pub postcode: &'static str,
    pub lat: f64,
    pub lon: f64,
    /// Registered patients in January 2021 (NHS Digital), used only to split the PCN
    /// total into practice estimates.
    pub registered_jan2021: u64,
}

/// Leicester City's 10 PCNs as the April 2022 Health and Wellbeing Board paper lists them,
/// with ODS codes (NHS Digital, 2022/23) and list sizes exactly as published.
pub const PCNS: &[PcnFact] = &[
    PcnFact { code: "U00147", name: "AEGIS HEALTHCARE PCN", published_list_size: 36_593 },
    PcnFact { code: "U64426", name: "BELGRAVE & SPINNEY HILL PCN", published_list_size: 47_027 },
    PcnFact { code: "U87332", name: "CITY CARE ALLIANCE PCN", published_list_size: 39_767 },
    PcnFact { code: "U77315", name: "LEICESTER CENTRAL PCN", published_list_size: 47_548 },
    PcnFact { code: "U54764", name: "LEICESTER CITY SOUTH PCN", published_list_size: 31_081 },
    PcnFact { code: "U73005", name: "SALUTEM PCN", published_list_size: 50_812 },
    PcnFact { code: "U48026", name: "LEICESTER CITY & UNIVERSITY PCN", published_list_size: 42_919 },
    PcnFact { code: "U05642", name: "MILLENNIUM PCN", published_list_size: 37_806 },
    PcnFact { code: "U36231", name: "ORION PCN", published_list_size: 46_978 },
    PcnFact { code: "U03186", name: "THE LEICESTER FOXES PCN", published_list_size: 35_939 },
];

/// The 55 practices the paper names, with ODS codes, postcodes and January 2021
/// registered lists (NHS Digital) and OS Code-Point Open 2018 postcode centroids.
pub const PRACTICES: &[PracticeFact] = &[
    PracticeFact { pcn_code: "U00147", name: "THE WILLOWS MEDICAL CENTRE", code: "Y00137", postcode: "LE5 4LJ", lat: 52.636069, lon: -1.089171, registered_jan2021: 6_158 },
    PracticeFact { pcn_code: "U00147", name: "CLARENDON PARK ROAD HEALTH CENTRE", code: "C82122", postcode: "LE2 3AG", lat: 52.614216, lon: -1.122738, registered_jan2021: 5_490 },
    PracticeFact { pcn_code: "U00147", name: "HEATHERBROOK SURGERY (RP ARCHER)", code: "C82623", postcode: "LE4 1EF", lat: 52.675604, lon: -1.161857, registered_jan2021: 3_621 },
    PracticeFact { pcn_code: "U00147", name: "THE PRACTICE-SAYEED", code: "C82060", postcode: "LE5 5AY", lat: 52.630799, lon: -1.106597, registered_jan2021: 4_333 },
    PracticeFact { pcn_code: "U00147", name: "AR-RAZI MEDICAL CENTRE", code: "C82105", postcode: "LE5 5PQ", lat: 52.623908, lon: -1.101213, registered_jan2021: 3_049 },
    PracticeFact { pcn_code: "U00147", name: "PASLEY ROAD HEALTH CENTRE (TK KHONG)", code: "C82626", postcode: "LE2 9BU", lat: 52.591287, lon: -1.146741, registered_jan2021: 2_278 },
    PracticeFact { pcn_code: "U00147", name: "WILLOWBROOK MEDICAL CENTRE (JG ASTLES)", code: "C82029", postcode: "LE5 2NL", lat: 52.637512, lon: -1.048533, registered_jan2021: 11_870 },
    PracticeFact { pcn_code: "U64426", name: "EAST PARK MEDICAL CENTRE", code: "C82037", postcode: "LE5 5FD", lat: 52.633542, lon: -1.104458, registered_jan2021: 10_474 },
    PracticeFact { pcn_code: "U64426", name: "SPINNEY HILL MEDICAL CENTRE", code: "C82024", postcode: "LE5 3HX", lat: 52.637381, lon: -1.109212, registered_jan2021: 21_357 },
    PracticeFact { pcn_code: "U64426", name: "THE CHARNWOOD PRACTICE", code: "C82667", postcode: "LE5 3GH", lat: 52.641198, lon: -1.108661, registered_jan2021: 7_608 },
    PracticeFact { pcn_code: "U64426", name: "BROADHURST ST MED PRACT", code: "C82651", postcode: "LE4 6NF", lat: 52.653472, lon: -1.118671, registered_jan2021: 4_036 },
    PracticeFact { pcn_code: "U64426", name: "DR B MODI", code: "C82084", postcode: "LE4 6NL", lat: 52.651579, lon: -1.113181, registered_jan2021: 3_397 },
    PracticeFact { pcn_code: "U87332", name: "RUSHEY MEAD HEALTH CENTRE", code: "C82680", postcode: "LE4 7ZX", lat: 52.663187, lon: -1.103823, registered_jan2021: 4_636 },
    PracticeFact { pcn_code: "U87332", name: "MERRIDALE MEDICAL CENTRE", code: "C82073", postcode: "LE3 1BL", lat: 52.620128, lon: -1.160760, registered_jan2021: 14_483 },
    PracticeFact { pcn_code: "U87332", name: "DR U K ROY", code: "C82114", postcode: "LE3 0QD", lat: 52.630574, lon: -1.153143, registered_jan2021: 2_380 },
    PracticeFact { pcn_code: "U87332", name: "ASQUITH SURGERY", code: "C82614", postcode: "LE2 6FQ", lat: 52.601489, lon: -1.117116, registered_jan2021: 4_068 },
    PracticeFact { pcn_code: "U87332", name: "THE PARKS MEDICAL CENTRE", code: "C82610", postcode: "LE3 9PW", lat: 52.646646, lon: -1.177132, registered_jan2021: 6_111 },
    PracticeFact { pcn_code: "U87332", name: "THE PRACTICE BEAUMONT LEYS", code: "C82624", postcode: "LE4 0UZ", lat: 52.662296, lon: -1.153920, registered_jan2021: 7_044 },
    PracticeFact { pcn_code: "U77315", name: "HIGHFIELDS MEDICAL CENTRE", code: "C82642", postcode: "LE5 3GH", lat: 52.641198, lon: -1.108661, registered_jan2021: 10_122 },
    PracticeFact { pcn_code: "U77315", name: "HERON GP PRACTICE", code: "Y02469", postcode: "LE5 3GH", lat: 52.641198, lon: -1.108661, registered_jan2021: 9_425 },
    PracticeFact { pcn_code: "U77315", name: "BOWLING GREEN STREET SURGERY", code: "Y02686", postcode: "LE1 6AS", lat: 52.633027, lon: -1.133104, registered_jan2021: 5_065 },
    PracticeFact { pcn_code: "U77315", name: "SHEFA MEDICAL PRACTICE", code: "C82080", postcode: "LE2 0TA", lat: 52.631036, lon: -1.119092, registered_jan2021: 4_850 },
    PracticeFact { pcn_code: "U77315", name: "COMMUNITY HEALTH CENTRE", code: "C82643", postcode: "LE2 0GU", lat: 52.632387, lon: -1.113421, registered_jan2021: 13_097 },
    PracticeFact { pcn_code: "U77315", name: "HIGHFIELDS SURGERY", code: "C82116", postcode: "LE2 0NN", lat: 52.629396, lon: -1.118608, registered_jan2021: 3_841 },
    PracticeFact { pcn_code: "U54764", name: "SAFFRON GROUP PRACTICE", code: "C82046", postcode: "LE2 6UL", lat: 52.601351, lon: -1.141156, registered_jan2021: 17_236 },
    PracticeFact { pcn_code: "U54764", name: "STURDEE ROAD HEALTH AND WELLBEING CENTRE", code: "C82019", postcode: "LE2 9DB", lat: 52.590417, lon: -1.143304, registered_jan2021: 5_257 },
    PracticeFact { pcn_code: "U54764", name: "THE HEDGES MEDICAL CENTRE", code: "C82100", postcode: "LE2 9BU", lat: 52.591287, lon: -1.146741, registered_jan2021: 6_068 },
    PracticeFact { pcn_code: "U54764", name: "INCLUSION HEALTHCARE", code: "C82670", postcode: "LE1 4SX", lat: 52.637320, lon: -1.136123, registered_jan2021: 900 },
    PracticeFact { pcn_code: "U54764", name: "LEICESTER CITY ASSIST PRACTICE", code: "Y00344", postcode: "LE1 4SX", lat: 52.637320, lon: -1.136123, registered_jan2021: 1_391 },
    PracticeFact { pcn_code: "U73005", name: "ST ELIZABETH'S MEDICAL CENTRE", code: "C82676", postcode: "LE5 1DR", lat: 52.648257, lon: -1.061189, registered_jan2021: 5_596 },
    PracticeFact { pcn_code: "U73005", name: "DOWNING DRIVE SURGERY", code: "C82030", postcode: "LE5 6LP", lat: 52.625294, lon: -1.063173, registered_jan2021: 6_811 },
    PracticeFact { pcn_code: "U73005", name: "JOHNSON MEDICAL PRACTICE", code: "C82031", postcode: "LE5 1BL", lat: 52.652396, lon: -1.067353, registered_jan2021: 13_962 },
    PracticeFact { pcn_code: "U73005", name: "HUMBERSTONE MEDICAL CENTRE", code: "C82033", postcode: "LE5 0PR", lat: 52.645108, lon: -1.089649, registered_jan2021: 11_022 },
    PracticeFact { pcn_code: "U73005", name: "EAST LEICESTER MED PRACTICE", code: "C82063", postcode: "LE5 4BP", lat: 52.642021, lon: -1.095063, registered_jan2021: 12_176 },
    PracticeFact { pcn_code: "U48026", name: "VICTORIA PARK HEALTH CENTRE", code: "C82124", postcode: "LE2 1XD", lat: 52.619071, lon: -1.119200, registered_jan2021: 22_242 },
    PracticeFact { pcn_code: "U48026", name: "OAKMEADOW SURGERY", code: "C82008", postcode: "LE3 8NF", lat: 52.639984, lon: -1.196705, registered_jan2021: 8_907 },
    PracticeFact { pcn_code: "U48026", name: "HOCKLEY FARM MED PRACT", code: "C82053", postcode: "LE3 1HN", lat: 52.630898, lon: -1.183899, registered_jan2021: 10_821 },
    PracticeFact { pcn_code: "U05642", name: "FOSSE MEDICAL CENTRE", code: "C82086", postcode: "LE3 5RR", lat: 52.636707, lon: -1.152153, registered_jan2021: 9_022 },
    PracticeFact { pcn_code: "U05642", name: "PARKER DRIVE SURGERY/ MANOR MC", code: "C82018", postcode: "LE4 0JF", lat: 52.656267, lon: -1.143067, registered_jan2021: 15_426 },
    PracticeFact { pcn_code: "U05642", name: "BEAUMONT LODGE MEDICAL PRACTICE", code: "C82094", postcode: "LE4 0QR", lat: 52.658279, lon: -1.160488, registered_jan2021: 6_884 },
    PracticeFact { pcn_code: "U05642", name: "WALNUT ST MED CTR", code: "C82662", postcode: "LE2 7LE", lat: 52.624601, lon: -1.138855, registered_jan2021: 5_489 },
    PracticeFact { pcn_code: "U36231", name: "DE MONTFORT SURGERY", code: "C82020", postcode: "LE2 7HX", lat: 52.628582, lon: -1.141200, registered_jan2021: 21_182 },
    PracticeFact { pcn_code: "U36231", name: "WESTCOTES GP SURGERY (ONE)", code: "C82059", postcode: "LE3 0QR", lat: 52.628591, lon: -1.151157, registered_jan2021: 1_520 },
    PracticeFact { pcn_code: "U36231", name: "DR S SHAFI", code: "C82620", postcode: "LE3 0AA", lat: 52.628086, lon: -1.148419, registered_jan2021: 1_808 },
    PracticeFact { pcn_code: "U36231", name: "COSSINGTON PARK SURGERY", code: "C82107", postcode: "LE4 6AW", lat: 52.648041, lon: -1.122121, registered_jan2021: 7_949 },
    PracticeFact { pcn_code: "U36231", name: "AYLESTONE HEALTH CENTRE", code: "C82092", postcode: "LE2 8SF", lat: 52.605677, lon: -1.152678, registered_jan2021: 3_587 },
    PracticeFact { pcn_code: "U36231", name: "WESTCOTES GP SURGERY (TWO)", code: "C82653", postcode: "LE3 0QR", lat: 52.628591, lon: -1.151157, registered_jan2021: 1_546 },
    PracticeFact { pcn_code: "U36231", name: "WESTCOTES HEALTH CENTRE", code: "C82639", postcode: "LE3 0LP", lat: 52.631332, lon: -1.153587, registered_jan2021: 8_748 },
    PracticeFact { pcn_code: "U03186", name: "HORIZON HEALTHCARE", code: "C82088", postcode: "LE5 5UB", lat: 52.622284, lon: -1.101733, registered_jan2021: 8_829 },
    PracticeFact { pcn_code: "U03186", name: "ST PETER'S MED CENTRE", code: "C82660", postcode: "LE2 0TA", lat: 52.631036, lon: -1.119092, registered_jan2021: 6_275 },
    PracticeFact { pcn_code: "U03186", name: "DR GANDECHA & PARTNER", code: "C82671", postcode: "LE4 6AW", lat: 52.648041, lon: -1.122121, registered_jan2021: 5_502 },
    PracticeFact { pcn_code: "U03186", name: "AL-WAQAS MEDICAL CENTRE", code: "C82099", postcode: "LE2 1DJ", lat: 52.629041, lon: -1.108421, registered_jan2021: 4_248 },
    PracticeFact { pcn_code: "U03186", name: "THE SURGERY @ AYLESTONE", code: "C82669", postcode: "LE2 8PR", lat: 52.602618, lon: -1.154819, registered_jan2021: 4_179 },
    PracticeFact { pcn_code: "U03186", name: "DR R KAPUR & PARTNERS", code: "C82659", postcode: "LE2 0TA", lat: 52.631036, lon: -1.119092, registered_jan2021: 2_698 },
    PracticeFact { pcn_code: "U03186", name: "NARBOROUGH ROAD SURGERY", code: "C82119", postcode: "LE3 0PE", lat: 52.624427, lon: -1.153469, registered_jan2021: 2_276 },
];
