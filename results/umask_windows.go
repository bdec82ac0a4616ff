package results

import "os"

// sysUmask: Windows has no umask; files get the usual 0666 &^ 0022.
func sysUmask() os.FileMode { return 0o022 }
