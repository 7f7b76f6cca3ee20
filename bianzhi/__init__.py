"""bianzhi — 机构编制云平台."""
