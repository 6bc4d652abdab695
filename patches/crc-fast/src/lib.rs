//! The part of `crc-fast`'s API that `aws-smithy-checksums` calls ([`Digest::new`],
//! [`Digest::update`], [`Digest::finalize`], [`checksum`]) for the three CRCs S3 uses for
//! object integrity. Byte-at-a-time table CRCs: S3 clients compute them only when a request
//! or response requires a checksum, which `bootstrap` never asks for.

#![forbid(unsafe_code)]

/// The CRC algorithms S3 knows (the names are `crc-fast`'s, from the CRC catalogue).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CrcAlgorithm {
    /// CRC-32/ISO-HDLC (zlib's CRC-32): S3's `CRC32`.
    Crc32IsoHdlc,
    /// CRC-32/ISCSI (CRC-32C, Castagnoli): S3's `CRC32C`.
    Crc32Iscsi,
    /// CRC-64/NVME: S3's `CRC64NVME`.
    Crc64Nvme,
}

/// A reflected CRC of up to 64 bits: its byte table, initial value and final XOR.
struct Params {
    table: [u64; 256],
    init: u64,
    xorout: u64,
}

/// The 256-entry table of a reflected (LSB-first) CRC with polynomial `poly` (reversed form).
const fn table(poly: u64) -> [u64; 256] {
    let mut t = [0u64; 256];
    let mut i = 0;
    while i < 256 {
        let mut c = i as u64;
        let mut k = 0;
        while k < 8 {
            c = if c & 1 != 0 { (c >> 1) ^ poly } else { c >> 1 };
            k += 1;
        }
        t[i] = c;
        i += 1;
    }
    t
}

const MASK32: u64 = 0xFFFF_FFFF;
static CRC32: Params = Params {
    table: table(0xEDB8_8320),
    init: MASK32,
    xorout: MASK32,
};
static CRC32C: Params = Params {
    table: table(0x82F6_3B78),
    init: MASK32,
    xorout: MASK32,
};
static CRC64_NVME: Params = Params {
    table: table(0x9A6C_9329_AC4B_C9B5),
    init: u64::MAX,
    xorout: u64::MAX,
};

impl CrcAlgorithm {
    fn params(self) -> &'static Params {
        match self {
            Self::Crc32IsoHdlc => &CRC32,
            Self::Crc32Iscsi => &CRC32C,
            Self::Crc64Nvme => &CRC64_NVME,
        }
    }
}

/// A running CRC.
#[derive(Clone, Copy, Debug)]
pub struct Digest {
    algorithm: CrcAlgorithm,
    state: u64,
}

impl Digest {
    /// A digest of no bytes yet.
    pub fn new(algorithm: CrcAlgorithm) -> Self {
        Self {
            algorithm,
            state: algorithm.params().init,
        }
    }

    /// Adds `data` to the digest.
    pub fn update(&mut self, data: &[u8]) {
        let table = &self.algorithm.params().table;
        self.state = data.iter().fold(self.state, |c, &b| {
            table[((c ^ u64::from(b)) & 0xFF) as usize] ^ (c >> 8)
        });
    }

    /// The CRC of the bytes added so far (the digest can take more).
    pub fn finalize(&self) -> u64 {
        self.state ^ self.algorithm.params().xorout
    }

    /// The CRC of the bytes added so far, and a fresh digest.
    pub fn finalize_reset(&mut self) -> u64 {
        let crc = self.finalize();
        self.reset();
        crc
    }

    /// Forgets the bytes added so far.
    pub fn reset(&mut self) {
        self.state = self.algorithm.params().init;
    }
}

/// The CRC of `data`.
pub fn checksum(algorithm: CrcAlgorithm, data: &[u8]) -> u64 {
    let mut d = Digest::new(algorithm);
    d.update(data);
    d.finalize()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The catalogue's check values: the CRC of the ASCII digits "123456789".
    #[test]
    fn check_values() {
        assert_eq!(
            checksum(CrcAlgorithm::Crc32IsoHdlc, b"123456789"),
            0xCBF4_3926
        );
        assert_eq!(
            checksum(CrcAlgorithm::Crc32Iscsi, b"123456789"),
            0xE306_9283
        );
        assert_eq!(
            checksum(CrcAlgorithm::Crc64Nvme, b"123456789"),
            0xAE8B_1486_0A79_9888
        );
    }

    #[test]
    fn incremental_equals_whole() {
        let data: Vec<u8> = (0..1000u32).map(|i| (i * 7 + 3) as u8).collect();
        for alg in [
            CrcAlgorithm::Crc32IsoHdlc,
            CrcAlgorithm::Crc32Iscsi,
            CrcAlgorithm::Crc64Nvme,
        ] {
            let mut d = Digest::new(alg);
            for chunk in data.chunks(37) {
                d.update(chunk);
            }
            assert_eq!(d.finalize(), checksum(alg, &data));
            assert_eq!(d.finalize_reset(), checksum(alg, &data));
            assert_eq!(d.finalize(), checksum(alg, b""));
        }
        assert_eq!(checksum(CrcAlgorithm::Crc32IsoHdlc, b""), 0);
    }
}
