//! The top level of a component binary as a list of sections (id and
//! payload), enough to swap one core module and drop custom sections.

/// Section id of an embedded core module in a component.
const CORE_MODULE: u8 = 1;
/// Section id of a custom section.
const CUSTOM: u8 = 0;
/// `\0asm`, then the component encoding's version and layer.
const COMPONENT_HEADER: [u8; 8] = [0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00];

/// A component's top-level sections, borrowed from its bytes.
pub struct Component<'a> {
    sections: Vec<(u8, &'a [u8])>,
}

impl<'a> Component<'a> {
    /// Splits `bytes` into sections; refuses anything but a component.
    pub fn parse(bytes: &'a [u8]) -> Result<Self, String> {
        let body = bytes
            .strip_prefix(&COMPONENT_HEADER)
            .ok_or("not a WebAssembly component (wrong header)")?;
        let mut sections = Vec::new();
        let mut rest = body;
        while let Some((&id, after_id)) = rest.split_first() {
            let (len, after_len) = read_u32(after_id)?;
            let len = usize::try_from(len).map_err(|_| "section too large")?;
            if after_len.len() < len {
                return Err("section runs past the end of the file".into());
            }
            let (payload, next) = after_len.split_at(len);
            sections.push((id, payload));
            rest = next;
        }
        Ok(Self { sections })
    }

    /// The payload of the largest embedded core module: the connector's own
    /// code (the others are a few hundred bytes of adapter glue).
    pub fn largest_core_module(&self) -> Result<&'a [u8], String> {
        self.sections
            .iter()
            .filter(|(id, _)| *id == CORE_MODULE)
            .map(|(_, payload)| *payload)
            .max_by_key(|payload| payload.len())
            .ok_or_else(|| "the component has no core module".into())
    }

    /// The component again, with the largest core module replaced by
    /// `core` and the custom sections named in `drop` left out.
    pub fn rebuild(&self, core: &[u8], drop: &[&str]) -> Vec<u8> {
        let largest = self.largest_core_module().ok();
        let mut out = COMPONENT_HEADER.to_vec();
        let mut replaced = false;
        for &(id, payload) in &self.sections {
            if id == CUSTOM && custom_name(payload).is_some_and(|name| drop.contains(&name)) {
                continue;
            }
            let payload = if !replaced && id == CORE_MODULE && Some(payload) == largest {
                replaced = true;
                core
            } else {
                payload
            };
            out.push(id);
            write_u32(&mut out, u32::try_from(payload.len()).unwrap_or(u32::MAX));
            out.extend_from_slice(payload);
        }
        out
    }
}

/// The name of a custom section, from its payload.
fn custom_name(payload: &[u8]) -> Option<&str> {
    let (len, rest) = read_u32(payload).ok()?;
    std::str::from_utf8(rest.get(..usize::try_from(len).ok()?)?).ok()
}

/// Reads an unsigned LEB128 `u32`, returning it and the bytes after it.
fn read_u32(bytes: &[u8]) -> Result<(u32, &[u8]), String> {
    let mut value: u32 = 0;
    for (i, &byte) in bytes.iter().enumerate().take(5) {
        value |= u32::from(byte & 0x7f) << (7 * i);
        if byte & 0x80 == 0 {
            return Ok((value, &bytes[i + 1..]));
        }
    }
    Err("malformed section length".into())
}

/// Appends `value` as unsigned LEB128.
fn write_u32(out: &mut Vec<u8>, mut value: u32) {
    loop {
        let byte = (value & 0x7f) as u8;
        value >>= 7;
        if value == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn section(id: u8, payload: &[u8]) -> Vec<u8> {
        let mut out = vec![id];
        write_u32(&mut out, payload.len() as u32);
        out.extend_from_slice(payload);
        out
    }

    fn custom(name: &str, data: &[u8]) -> Vec<u8> {
        let mut payload = vec![name.len() as u8];
        payload.extend_from_slice(name.as_bytes());
        payload.extend_from_slice(data);
        section(CUSTOM, &payload)
    }

    #[test]
    fn leb128_round_trips() {
        for value in [0, 1, 127, 128, 300, 16_384, u32::MAX] {
            let mut out = Vec::new();
            write_u32(&mut out, value);
            assert_eq!(read_u32(&out).unwrap(), (value, &[][..]));
        }
    }

    #[test]
    fn replaces_the_largest_core_module_and_drops_named_custom_sections() {
        let mut bytes = COMPONENT_HEADER.to_vec();
        bytes.extend(section(7, b"types"));
        bytes.extend(section(CORE_MODULE, &[b'm'; 200]));
        bytes.extend(section(CORE_MODULE, b"shim"));
        bytes.extend(custom("component-name", b"names"));
        bytes.extend(custom("producers", b"rustc"));
        let parsed = Component::parse(&bytes).unwrap();
        assert_eq!(parsed.largest_core_module().unwrap(), &[b'm'; 200][..]);

        let rebuilt = Component::parse(&parsed.rebuild(b"small", &["component-name"]))
            .unwrap()
            .sections
            .iter()
            .map(|(id, payload)| (*id, payload.to_vec()))
            .collect::<Vec<_>>();
        let mut producers = vec![9u8];
        producers.extend_from_slice(b"producersrustc");
        assert_eq!(
            rebuilt,
            vec![
                (7, b"types".to_vec()),
                (CORE_MODULE, b"small".to_vec()),
                (CORE_MODULE, b"shim".to_vec()),
                (CUSTOM, producers),
            ]
        );
    }

    #[test]
    fn refuses_core_modules_and_truncated_files() {
        assert!(Component::parse(b"\0asm\x01\0\0\0").is_err());
        let mut bytes = COMPONENT_HEADER.to_vec();
        bytes.extend([CORE_MODULE, 10, 1, 2]);
        assert!(Component::parse(&bytes).is_err());
    }
}
