//! The indicator ids the engine knows by name. The embedded default and every reader of
//! national publications use these ids, so that the pages work the same on both.

/// Appointments attended face to face in the month.
pub const APPOINTMENTS_FACE_TO_FACE: &str = "appointments_face_to_face";
/// Appointments by telephone in the month.
pub const APPOINTMENTS_TELEPHONE: &str = "appointments_telephone";
/// Appointments by video or online in the month.
pub const APPOINTMENTS_VIDEO_ONLINE: &str = "appointments_video_online";
/// Home visits in the month.
pub const APPOINTMENTS_HOME_VISIT: &str = "appointments_home_visit";
/// Appointments with a GP in the month (any mode).
pub const APPOINTMENTS_GP: &str = "appointments_gp";
/// Appointments with other practice staff in the month (any mode).
pub const APPOINTMENTS_OTHER_STAFF: &str = "appointments_other_staff";
/// Full-time-equivalent GPs in post.
pub const GP_FTE: &str = "gp_fte";

/// The four appointment modes, which add up to all appointments.
pub const APPOINTMENT_MODES: [&str; 4] = [
    APPOINTMENTS_FACE_TO_FACE,
    APPOINTMENTS_TELEPHONE,
    APPOINTMENTS_VIDEO_ONLINE,
    APPOINTMENTS_HOME_VISIT,
];
