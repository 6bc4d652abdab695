//! EIA-608 (CEA-608, "line 21") closed captions: the byte pairs of one field, as File_Eia608
//! reads them, and the `cdat`/`cdt2` atoms QuickTime `c608` samples carry them in.
//!
//! The parser keeps what MediaInfo reports about each caption service (CC1/CC2, T1/T2 of the
//! field): when its first command and first displayed change came, and how its first caption
//! was shown (pop-on, roll-up, paint-on). It also keeps the screen memories, because whether a
//! command changes what is displayed decides those times. XDS packets give the programme name
//! and content advisory (MediaInfo's General title and law rating).

/// Screen size (CEA-608-E).
pub const ROWS: usize = 15;
/// Screen size (CEA-608-E).
pub const COLUMNS: usize = 32;

/// Row of a preamble address code, by its bits (CEA-608-E F.1.1.5); the next row when bit 5
/// of the second byte is set.
const PAC_ROW: [u8; 8] = [10, 0, 2, 11, 13, 4, 6, 8];

/// Bytes an XDS packet may collect before it is dropped (File_Eia608's safety limit).
const XDS_MAX: usize = 36;
/// XDS packets open at once, at most (a packet is named by its class and type bytes).
const XDS_OPEN_MAX: usize = 64;

/// How a service showed its first caption.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DisplayType {
    PopOn,
    RollUp,
    PaintOn,
}

impl DisplayType {
    /// MediaInfo's name (`FirstDisplay_Type`).
    pub fn name(self) -> &'static str {
        match self {
            DisplayType::PopOn => "PopOn",
            DisplayType::RollUp => "RollUp",
            DisplayType::PaintOn => "PaintOn",
        }
    }
}

/// What is known of one caption service.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Service {
    /// Decoding time (ns) of the first command that selected the service.
    pub first_command_ns: Option<u64>,
    /// Decoding time (ns) of the first change of what the service displays.
    pub first_change_ns: Option<u64>,
    /// Frame (sample) number and kind of the first caption displayed.
    pub first_display: Option<(u64, DisplayType)>,
}

/// What the parser found in one field.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Eia608Info {
    /// 0 for field 1 (CC1/CC2), 1 for field 2 (CC3/CC4), from the first control code that
    /// tells; `None` when none did.
    pub field: Option<u8>,
    /// The services a command opened, by position: caption channels 1 and 2, then text
    /// channels 1 and 2 of the field.
    pub services: [Option<Service>; 4],
    /// The programme name of the first XDS "program name" packet.
    pub program_name: Option<String>,
    /// The content advisory of the last XDS content advisory packet.
    pub law_rating: Option<String>,
}

impl Eia608Info {
    /// MediaInfo's name of the service at `position` (CC1…CC4, T1…T4), when the field is
    /// known.
    pub fn service_name(&self, position: usize) -> Option<String> {
        let field = self.field?;
        let kind = if position < 2 { "CC" } else { "T" };
        let number = 1 + field as usize * 2 + position % 2;
        Some(format!("{kind}{number}"))
    }
}

type Grid = [[u8; COLUMNS]; ROWS];

/// One service's screen and state.
#[derive(Clone)]
struct ServiceState {
    displayed: Grid,
    non_displayed: Grid,
    in_back: bool,
    x: usize,
    y: usize,
    roll_up_lines: usize,
    synched: bool,
    current_has_content: bool,
    facts: Service,
}

impl ServiceState {
    fn new() -> ServiceState {
        ServiceState {
            displayed: [[0; COLUMNS]; ROWS],
            non_displayed: [[0; COLUMNS]; ROWS],
            in_back: false,
            x: 0,
            y: ROWS - 1,
            roll_up_lines: 0,
            synched: false,
            current_has_content: false,
            facts: Service::default(),
        }
    }

    fn grid(&mut self) -> &mut Grid {
        if self.in_back {
            &mut self.non_displayed
        } else {
            &mut self.displayed
        }
    }

    fn first_display(&mut self, frame: u64, kind: DisplayType) {
        if self.facts.first_display.is_none() {
            self.facts.first_display = Some((frame, kind));
        }
    }
}

/// The byte-pair parser of one field.
#[derive(Clone, Default)]
pub struct Eia608Parser {
    dts: Option<u64>,
    pair_duration: Option<u64>,
    frame: u64,
    previous: Option<(u8, u8)>,
    text_mode: bool,
    data_channel: bool,
    field: Option<u8>,
    services: [Option<Box<ServiceState>>; 4],
    xds: Vec<Vec<u8>>,
    xds_level: Option<usize>,
    program_name: Option<String>,
    law_rating: Option<String>,
}

impl Eia608Parser {
    pub fn new() -> Eia608Parser {
        Eia608Parser::default()
    }

    /// Sets the clock of the pairs that follow: the decoding time of the next one (ns), the
    /// time each pair lasts (the next ones follow at that step), and the frame they belong to.
    pub fn set_time(&mut self, dts_ns: Option<u64>, pair_duration_ns: Option<u64>, frame: u64) {
        self.dts = dts_ns;
        if pair_duration_ns.is_some() {
            self.pair_duration = pair_duration_ns;
        }
        self.frame = frame;
    }

    /// Reads one byte pair (parity bits included), then moves the clock on by one pair.
    pub fn push_pair(&mut self, b1: u8, b2: u8) {
        self.pair(b1 & 0x7F, b2 & 0x7F);
        if let (Some(d), Some(step)) = (self.dts, self.pair_duration) {
            self.dts = Some(d.saturating_add(step));
        }
    }

    /// Reads consecutive byte pairs (a trailing odd byte is ignored).
    pub fn push_pairs(&mut self, data: &[u8]) {
        for p in data.chunks_exact(2) {
            self.push_pair(p[0], p[1]);
        }
    }

    /// What was found so far.
    pub fn info(&self) -> Eia608Info {
        Eia608Info {
            field: self.field,
            services: std::array::from_fn(|i| self.services[i].as_ref().map(|s| s.facts)),
            program_name: self.program_name.clone(),
            law_rating: self.law_rating.clone(),
        }
    }

    fn position(&self) -> usize {
        usize::from(self.text_mode) * 2 + usize::from(self.data_channel)
    }

    /// The current service, when a command opened it and it is in sync.
    fn synched(&mut self) -> Option<&mut ServiceState> {
        let i = self.position();
        self.services[i].as_deref_mut().filter(|s| s.synched)
    }

    fn pair(&mut self, b1: u8, b2: u8) {
        // Control codes are sent twice (CEA-608-E D.2): the repeat is ignored.
        if let Some(previous) = self.previous.take()
            && previous == (b1, b2)
        {
            return;
        }
        if (b1 != 0 && b1 < 0x10) || (self.xds_level.is_some() && b1 >= 0x20) {
            self.xds_pair(b1, b2);
        } else if b1 >= 0x20 {
            if self.synched().is_none() {
                return;
            }
            self.standard(b1);
            if b2 >= 0x20 {
                self.standard(b2);
            }
        } else if b1 != 0 {
            self.special(b1, b2);
        }
    }

    /// A basic character (CEA-608-E F.1.1.2); 0x3D has none.
    fn standard(&mut self, c: u8) {
        if (0x20..=0x7F).contains(&c) && c != 0x3D {
            self.character(c);
        }
    }

    fn character(&mut self, c: u8) {
        let text_mode = self.text_mode;
        let Some(s) = self.synched() else {
            return;
        };
        if !s.in_back {
            s.current_has_content = true;
        }
        if s.x >= COLUMNS {
            s.x = COLUMNS - 1;
        }
        let (x, y) = (s.x, s.y.min(ROWS - 1));
        s.grid()[y][x] = c;
        s.x += 1;
        let in_back = s.in_back;
        if text_mode || !in_back {
            self.changed();
        }
    }

    /// What the current service displays changed.
    fn changed(&mut self) {
        let dts = self.dts;
        if let Some(s) = self.synched()
            && let Some(t) = dts
            && s.facts.first_change_ns.is_none()
        {
            s.facts.first_change_ns = Some(t);
        }
    }

    fn special(&mut self, b1: u8, b2: u8) {
        self.data_channel = b1 & 0x08 != 0;
        if self.field.is_none() && b2 & 0xF0 == 0x20 {
            match b1 {
                0x14 | 0x1C => self.field = Some(0),
                0x15 | 0x1D => self.field = Some(1),
                _ => {}
            }
        }
        let mut code = b1 & 0xF7;
        if code == 0x15 && b2 & 0xF0 == 0x20 {
            code = 0x14;
        }
        if (0x10..=0x17).contains(&code) && b2 >= 0x40 {
            self.preamble(code, b2);
        } else {
            match code {
                0x11 => self.special_11(b2),
                0x12 | 0x13 => self.extended_character(b2),
                0x14 => self.command(b2),
                0x17 => self.tab_offset(b2),
                _ => {}
            }
        }
        // File_Eia608 remembers the code as it read it (channel bit cleared), so only a
        // repeat of a channel-1, field-1 code matches it.
        self.previous = Some((code, b2));
    }

    /// Preamble address code: row, column and attributes (CEA-608-E F.1.1.5).
    fn preamble(&mut self, code: u8, b2: u8) {
        let text_mode = self.text_mode;
        let frame = self.frame;
        let Some(s) = self.synched() else {
            return;
        };
        s.x = 0;
        if !text_mode {
            let row = usize::from(PAC_ROW[usize::from(code & 0x07)]) + usize::from(b2 & 0x20 != 0);
            if s.current_has_content && !s.in_back && s.roll_up_lines == 0 && s.y != row {
                s.current_has_content = false;
                s.first_display(frame, DisplayType::PaintOn);
            }
            s.y = row.min(ROWS - 1);
        }
        if b2 & 0x10 != 0 {
            s.x = usize::from(b2 & 0x0E) << 1;
        }
    }

    /// Mid-row attributes and special characters (CEA-608-E F.1.1.1, F.1.1.3).
    fn special_11(&mut self, b2: u8) {
        if self.synched().is_none() {
            return;
        }
        if (0x30..=0x3F).contains(&b2) {
            self.character(b2);
        }
    }

    /// Extended characters (CEA-608-E 6.4.2): each replaces the character before it.
    fn extended_character(&mut self, b2: u8) {
        let Some(s) = self.synched() else {
            return;
        };
        if (0x20..0x40).contains(&b2) {
            s.x = s.x.saturating_sub(1);
            self.character(b2);
        }
    }

    /// Tab offsets (CEA-608-E B.4).
    fn tab_offset(&mut self, b2: u8) {
        if let Some(s) = self.synched()
            && (0x21..=0x23).contains(&b2)
        {
            s.x = (s.x + usize::from(b2 & 0x03)).min(COLUMNS - 1);
        }
    }

    /// Miscellaneous control codes (CEA-608-E 6.2, F.1.1.4).
    fn command(&mut self, b2: u8) {
        match b2 {
            // RCL, RDC, TR, RTD, EDM: select (and open) a service.
            0x20 | 0x29..=0x2C => {
                self.text_mode = b2 & 0xFE == 0x2A;
                self.xds_level = None;
                let dts = self.dts;
                let i = self.position();
                let s = self.services[i].get_or_insert_with(|| Box::new(ServiceState::new()));
                s.synched = true;
                if s.facts.first_command_ns.is_none() {
                    s.facts.first_command_ns = dts;
                }
            }
            0x2F => self.text_mode = false,
            _ => {}
        }
        let frame = self.frame;
        let Some(s) = self.synched() else {
            return;
        };
        // Whether the display changed, and whether a carriage return follows.
        let (changed, carriage_return) = match b2 {
            // RCL: pop-on style.
            0x20 => {
                s.roll_up_lines = 0;
                s.in_back = true;
                (false, false)
            }
            // BS: backspace.
            0x21 => {
                s.x = s.x.saturating_sub(1);
                let (x, y) = (s.x.min(COLUMNS - 1), s.y.min(ROWS - 1));
                s.grid()[y][x] = 0;
                (!s.in_back, false)
            }
            // AOF: taken as a carriage return (File_Eia608 met a file that needed it).
            0x22 => (false, true),
            // DER: delete to end of row.
            0x24 => {
                let (x, y) = (s.x.min(COLUMNS), s.y.min(ROWS - 1));
                s.grid()[y][x..].fill(0);
                (!s.in_back, false)
            }
            // RU2, RU3, RU4: roll-up style.
            0x25..=0x27 => {
                s.roll_up_lines = usize::from(b2 - 0x25) + 2;
                s.in_back = false;
                (false, false)
            }
            // RDC: paint-on style.
            0x29 => {
                s.roll_up_lines = 0;
                s.in_back = false;
                s.current_has_content = false;
                (false, false)
            }
            // TR: text restart.
            0x2A => {
                s.roll_up_lines = ROWS;
                s.y = ROWS - 1;
                (false, true)
            }
            // EDM: erase displayed memory.
            0x2C => {
                let had_content = s.displayed.iter().flatten().any(|&c| c != 0);
                s.displayed = [[0; COLUMNS]; ROWS];
                if s.current_has_content {
                    s.current_has_content = false;
                    s.first_display(frame, DisplayType::PaintOn);
                }
                (had_content, false)
            }
            // CR: carriage return (rolls the roll-up window up).
            0x2D => {
                let (r, y) = (s.roll_up_lines, s.y.min(ROWS - 1));
                for p in 1..r {
                    if y + p >= r && y + p + 1 - r < ROWS {
                        s.displayed[y + p - r] = s.displayed[y + p + 1 - r];
                    }
                }
                s.displayed[y] = [0; COLUMNS];
                s.x = 0;
                if r != 0 && s.current_has_content {
                    s.first_display(frame, DisplayType::RollUp);
                }
                (!s.in_back, false)
            }
            // ENM: erase non-displayed memory.
            0x2E => {
                s.non_displayed = [[0; COLUMNS]; ROWS];
                (false, false)
            }
            // EOC: end of caption (the two memories swap); the service waits for its next
            // command.
            0x2F => {
                std::mem::swap(&mut s.displayed, &mut s.non_displayed);
                s.first_display(frame, DisplayType::PopOn);
                (true, false)
            }
            _ => (false, false),
        };
        if changed {
            self.changed();
        }
        if b2 == 0x2F
            && let Some(s) = self.synched()
        {
            s.synched = false;
        }
        if carriage_return {
            self.command(0x2D);
        }
    }

    /// A pair of an XDS packet (CEA-608-E section 9): start, continue or end of a packet, or
    /// two of its characters.
    fn xds_pair(&mut self, b1: u8, b2: u8) {
        if b1 != 0 && b1 < 0x10 && b1.is_multiple_of(2) {
            // Continue: back to the packet of this class and type.
            let class = b1 - 1;
            self.xds_level = self
                .xds
                .iter()
                .position(|p| p.len() >= 2 && p[0] == class && p[1] == b2);
            return;
        }
        if b1 != 0 && b1 < 0x0F {
            // Start.
            match self
                .xds
                .iter()
                .position(|p| p.len() >= 2 && p[0] == b1 && p[1] == b2)
            {
                Some(i) => {
                    self.xds[i].clear();
                    self.xds_level = Some(i);
                }
                None if self.xds.len() < XDS_OPEN_MAX => {
                    self.xds.push(Vec::new());
                    self.xds_level = Some(self.xds.len() - 1);
                }
                None => self.xds_level = None,
            }
        }
        let Some(level) = self.xds_level else {
            return;
        };
        let Some(packet) = self.xds.get_mut(level) else {
            self.xds_level = None;
            return;
        };
        packet.extend([b1, b2]);
        if b1 == 0x0F {
            self.xds_end(level);
        }
        if let Some(p) = self.xds_level.and_then(|l| self.xds.get_mut(l))
            && p.len() >= XDS_MAX
        {
            p.clear();
        }
        self.text_mode = false;
    }

    /// A complete XDS packet.
    fn xds_end(&mut self, level: usize) {
        let packet = self.xds.remove(level);
        self.xds_level = None;
        if packet.len() < 4 {
            return;
        }
        match (packet[0], packet[1]) {
            // Current class: program name.
            (0x01, 0x03) if self.program_name.is_none() => {
                let name = &packet[2..packet.len() - 2];
                self.program_name = Some(String::from_utf8_lossy(name).into_owned());
            }
            // Current class: content advisory.
            (0x01, 0x05) if packet.len() == 6 => {
                self.law_rating = content_advisory(packet[2], packet[3]);
            }
            _ => {}
        }
    }
}

/// The content advisory of an XDS packet's two data bytes (CEA-608-E 9.5.1.5), as
/// File_Eia608 names it: the rating, then its content descriptors in brackets.
fn content_advisory(d1: u8, d2: u8) -> Option<String> {
    let mut descriptors = String::new();
    let rating = match (d1 >> 3) & 0x3 {
        // MPAA.
        0 | 2 => match d1 & 0x7 {
            0 => "N/A",
            1 => "G",
            2 => "PG",
            3 => "PG-13",
            4 => "R",
            5 => "NC-17",
            6 => "C",
            _ => return None,
        },
        // U.S. TV parental guidelines.
        1 => {
            if d1 & 0x20 != 0 {
                descriptors.push('D');
            }
            if d2 & 0x08 != 0 {
                descriptors.push('L');
            }
            if d2 & 0x10 != 0 {
                descriptors.push('S');
            }
            if d2 & 0x20 != 0 {
                descriptors.push_str(if d2 & 0x7 == 2 { "FV" } else { "V" });
            }
            match d2 & 0x7 {
                1 => "TV-Y",
                2 => "TV-Y7",
                3 => "TV-G",
                4 => "TV-PG",
                5 => "TV-14",
                6 => "TV-MA",
                _ => "None",
            }
        }
        // Canadian English (a2 set) and French ratings.
        _ => {
            if d2 & 0x08 != 0 {
                "(Reserved)"
            } else if d1 & 0x20 != 0 {
                match d2 & 0x7 {
                    0 => "E",
                    1 => "G",
                    2 => "8+",
                    3 => "13+",
                    4 => "16+",
                    5 => "18+",
                    _ => return None,
                }
            } else {
                match d2 & 0x7 {
                    0 => "E",
                    1 => "C",
                    2 => "C8+",
                    3 => "G",
                    4 => "PG",
                    5 => "14+",
                    6 => "18+",
                    _ => return None,
                }
            }
        }
    };
    Some(if descriptors.is_empty() {
        rating.to_string()
    } else {
        format!("{rating} ({descriptors})")
    })
}

/// The caption atoms of a QuickTime `c608` sample: (field, byte pairs) for each `cdat`
/// (field 1) and `cdt2` (field 2) atom, in order. Other atoms are skipped; the walk stops at
/// an atom whose size does not fit the sample.
pub fn sample_atoms(sample: &[u8]) -> impl Iterator<Item = (u8, &[u8])> {
    let mut rest = sample;
    std::iter::from_fn(move || {
        loop {
            let head = rest.get(..8)?;
            let size = u32::from_be_bytes([head[0], head[1], head[2], head[3]]) as usize;
            if size < 8 || size > rest.len() {
                rest = &[];
                return None;
            }
            let (atom, tail) = rest.split_at(size);
            rest = tail;
            match &head[4..8] {
                b"cdat" => return Some((1, &atom[8..])),
                b"cdt2" => return Some((2, &atom[8..])),
                _ => {}
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Adds odd parity to a 7-bit value, as broadcast pairs carry it.
    fn parity(b: u8) -> u8 {
        if b.count_ones().is_multiple_of(2) {
            b | 0x80
        } else {
            b
        }
    }

    fn push(p: &mut Eia608Parser, pairs: &[(u8, u8)]) {
        for &(a, b) in pairs {
            p.push_pair(parity(a), parity(b));
        }
    }

    #[test]
    fn pop_on_caption_times_its_end_of_caption() {
        let mut p = Eia608Parser::new();
        p.set_time(Some(0), Some(125_125_000), 0);
        // RCL RCL, PAC row 15, "HI", EOC EOC.
        push(
            &mut p,
            &[
                (0x14, 0x20),
                (0x14, 0x20),
                (0x14, 0x70),
                (0x14, 0x70),
                (b'H', b'I'),
                (0x14, 0x2F),
                (0x14, 0x2F),
                (0x80, 0x80),
            ],
        );
        let info = p.info();
        assert_eq!(info.field, Some(0));
        assert_eq!(info.service_name(0).as_deref(), Some("CC1"));
        let s = info.services[0].unwrap();
        assert_eq!(s.first_command_ns, Some(0));
        // The first EOC is the sixth pair.
        assert_eq!(s.first_change_ns, Some(5 * 125_125_000));
        assert_eq!(s.first_display, Some((0, DisplayType::PopOn)));
        assert!(info.services[1..].iter().all(Option::is_none));
    }

    #[test]
    fn roll_up_and_paint_on() {
        let mut p = Eia608Parser::new();
        p.set_time(Some(1000), Some(10), 3);
        // Channel 2, field 1: RU2, then a character is displayed at once, then CR.
        push(&mut p, &[(0x1C, 0x25), (0x1C, 0x29), (b'A', 0)]);
        let s = p.info().services[1].unwrap();
        assert_eq!(p.info().field, Some(0));
        assert_eq!(s.first_command_ns, Some(1010));
        assert_eq!(s.first_change_ns, Some(1020));
        push(&mut p, &[(0x1C, 0x25), (0x1C, 0x2D)]);
        let s = p.info().services[1].unwrap();
        assert_eq!(s.first_display, Some((3, DisplayType::RollUp)));
        assert_eq!(p.info().service_name(1).as_deref(), Some("CC2"));

        let mut p = Eia608Parser::new();
        push(&mut p, &[(0x15, 0x29), (b'B', 0), (0x15, 0x2C)]);
        let info = p.info();
        assert_eq!(info.field, Some(1));
        assert_eq!(info.service_name(0).as_deref(), Some("CC3"));
        assert_eq!(
            info.services[0].unwrap().first_display,
            Some((0, DisplayType::PaintOn))
        );
        assert_eq!(info.services[0].unwrap().first_change_ns, None);
    }

    #[test]
    fn characters_before_any_command_open_nothing() {
        let mut p = Eia608Parser::new();
        push(&mut p, &[(b'A', b'B'), (0x14, 0x70), (0x11, 0x30)]);
        assert_eq!(p.info().services, [None; 4]);
    }

    #[test]
    fn xds_program_name_and_rating() {
        let mut p = Eia608Parser::new();
        push(
            &mut p,
            &[(0x01, 0x03), (b'N', b'e'), (b'w', b's'), (0x0F, 0x1D)],
        );
        push(&mut p, &[(0x01, 0x05), (0x68, 0x64), (0x0F, 0x00)]);
        let info = p.info();
        assert_eq!(info.program_name.as_deref(), Some("News"));
        assert_eq!(info.law_rating.as_deref(), Some("TV-PG (DV)"));
    }

    #[test]
    fn sample_atoms_are_walked_without_trusting_sizes() {
        let mut sample = vec![0, 0, 0, 12];
        sample.extend(b"cdat\x94\x20\x94\x20");
        sample.extend([0, 0, 0, 10]);
        sample.extend(b"cdt2\x15\x2C");
        sample.extend([0, 0, 0, 99]);
        sample.extend(b"cdat");
        let atoms: Vec<_> = sample_atoms(&sample).collect();
        assert_eq!(
            atoms,
            vec![(1, &b"\x94\x20\x94\x20"[..]), (2, &b"\x15\x2C"[..])]
        );
        assert_eq!(sample_atoms(&[0, 0, 0, 0, 1]).count(), 0);
    }

    #[test]
    fn any_bytes_are_safe() {
        let mut p = Eia608Parser::new();
        p.set_time(Some(u64::MAX - 1), Some(u64::MAX), u64::MAX);
        let mut x = 0x1234_5678u32;
        for _ in 0..20_000 {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            p.push_pair((x & 0x1F) as u8 | ((x >> 8) as u8 & 0x60), (x >> 16) as u8);
        }
        let _ = p.info();
    }
}
