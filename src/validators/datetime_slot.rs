//! A datetime as the 64-bit slot its bounds are checked on in the model's
//! Program, ordered exactly as speedate orders it against each bound: two
//! aware datetimes by their instant, any other pair by wall-clock time.

use speedate::DateTime;

/// The frame the bounds share, which the slots are counted in.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Frame {
    /// Every bound is naive: every value compares by its wall-clock time.
    Naive,
    /// Every bound is aware at this UTC offset (seconds): an aware value
    /// compares by its instant, told in that offset's wall-clock time.
    Offset(i32),
}

impl Frame {
    /// The frame of `bounds`; None when they mix naive and aware ones or offsets.
    pub fn of<'a>(mut bounds: impl Iterator<Item = &'a DateTime>) -> Option<Frame> {
        let first = bounds.next()?.time.tz_offset;
        if !bounds.all(|b| b.time.tz_offset == first) {
            return None;
        }
        Some(first.map_or(Frame::Naive, Frame::Offset))
    }

    /// Microseconds since 1970 in this frame; a bound gives its own wall clock.
    pub fn slot(self, value: &DateTime) -> Option<i64> {
        let seconds = match (self, value.time.tz_offset) {
            (Frame::Offset(offset), Some(_)) => value.timestamp_tz().checked_add(i64::from(offset))?,
            _ => value.timestamp(),
        };
        seconds.checked_mul(1_000_000)?.checked_add(i64::from(value.time.microsecond))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dt(text: &str) -> DateTime {
        DateTime::parse_str(text).expect("a datetime")
    }

    /// Slots order as speedate's comparison orders the values against each bound.
    #[test]
    fn slots_order_as_speedate_orders() {
        let values = [
            "2020-01-01T12:00:00", "2020-01-01T12:00:00Z", "2020-01-01T12:00:00+02:00", "2020-01-01T11:59:59.999999-01:00",
            "2020-01-01T13:00:00+01:00", "2019-12-31T23:59:59", "2020-01-01T12:00:00.000001", "1969-12-31T23:59:59Z",
        ];
        let bound_sets: [&[&str]; 4] = [
            &["2020-01-01T12:00:00", "2020-01-01T10:00:00"],
            &["2020-01-01T12:00:00Z"],
            &["2020-01-01T12:00:00+02:00", "2020-01-01T14:00:00+02:00"],
            &["2020-01-01T10:00:00-01:00"],
        ];
        for bounds in bound_sets {
            let bounds: Vec<DateTime> = bounds.iter().map(|b| dt(b)).collect();
            let frame = Frame::of(bounds.iter()).expect("one frame");
            for bound in &bounds {
                let bound_slot = frame.slot(bound).unwrap();
                for value in values.iter().map(|v| dt(v)) {
                    let expected = value.partial_cmp(bound).unwrap();
                    assert_eq!(frame.slot(&value).unwrap().cmp(&bound_slot), expected, "{value} against {bound}");
                }
            }
        }
    }

    #[test]
    fn mixed_bounds_have_no_frame() {
        assert_eq!(Frame::of([dt("2020-01-01T00:00:00"), dt("2020-01-01T00:00:00Z")].iter()), None);
        assert_eq!(Frame::of([dt("2020-01-01T00:00:00Z"), dt("2020-01-01T00:00:00+01:00")].iter()), None);
    }
}
