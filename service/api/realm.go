package api

// A realm names the installation of a vendor that a Client talks to: "zoho.com",
// "zoho.eu", … (one per Zoho data centre), "zoom", the sandbox, or some other
// address given in the environment. With an account id it says whose a picture
// is, so kept copies never cross from one account (or the sandbox) to another.
const (
	RealmSandbox     = "sandbox" // the embedded sandbox or a `logodesk sandbox` (LOGODESK_SANDBOX=1)
	RealmOtherPrefix = "host-"   // followed by host_port: an address from the environment that is neither
)
