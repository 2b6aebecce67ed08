import LBTopCore
