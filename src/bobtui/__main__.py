from bobtui.cli import main

raise SystemExit(main())
