import LBTopCore
import LBTopUI
print("lbtop: not wired yet")
